using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Markdown;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Core.Search;

/// <summary>
/// Turns stored entries into <see cref="SearchDocument"/>s: the one place that decides which tags an entry
/// is found by, so every engine and every way of indexing (outbox, rebuild, benchmark) agrees.
/// </summary>
public sealed class SearchDocuments
{
    private readonly IReadOnlyDictionary<string, string> _regionNames;
    private readonly Tags _tags;
    private readonly ITaxonomyLabels _labels;

    private SearchDocuments(IReadOnlyDictionary<string, string> regionNames, Tags tags, ITaxonomyLabels labels)
    {
        _regionNames = regionNames;
        _tags = tags;
        _labels = labels;
    }

    /// <summary>The taxonomies by key, loaded once, so entries need only their link rows (no joins per entry).</summary>
    private sealed record Tags(
        Dictionary<string, Country> Countries, Dictionary<int, SdgGoal> Goals, Dictionary<string, SdgTarget> Targets,
        Dictionary<string, Vertical> Verticals, Dictionary<string, Technology> Technologies, Dictionary<string, Standard> Standards);

    /// <summary>
    /// Loads the taxonomies once, including M49 region names so documents can carry "Eastern Africa" as searchable text, and
    /// the tags' names in the other UN languages from <paramref name="labels"/>, so a French reader's <c>eau</c> finds SDG 6.
    /// </summary>
    public static async Task<SearchDocuments> CreateAsync(HubDbContext db, ITaxonomyLabels labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tags = new Tags(
            await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Iso2, StringComparer.Ordinal, cancellationToken),
            await db.SdgGoals.AsNoTracking().ToDictionaryAsync(g => g.Number, cancellationToken),
            await db.SdgTargets.AsNoTracking().ToDictionaryAsync(t => t.Code, StringComparer.Ordinal, cancellationToken),
            await db.Verticals.AsNoTracking().ToDictionaryAsync(v => v.Slug, StringComparer.Ordinal, cancellationToken),
            await db.Technologies.AsNoTracking().ToDictionaryAsync(t => t.Slug, StringComparer.Ordinal, cancellationToken),
            await db.Standards.AsNoTracking().ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, cancellationToken));
        return new(await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken), tags, labels);
    }

    /// <summary>Entries with everything a search document reads.</summary>
    public static IQueryable<Entry> WithTags(IQueryable<Entry> entries) => entries.AsNoTracking()
        .Include(e => e.Verticals).Include(e => e.Countries).Include(e => e.Sdgs).Include(e => e.SdgTargets)
        .Include(e => e.Technologies).Include(e => e.Standards)
        .AsSplitQuery();

    /// <summary>
    /// The documents of these ids (entries and translations; an entry's id brings its translations' documents too, as
    /// they carry its status and tags); ids no longer in the store are simply absent.
    /// </summary>
    public async Task<List<SearchDocument>> LoadAsync(HubDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var translations = await db.EntryTranslations.AsNoTracking().Where(t => ids.Contains(t.Id) || ids.Contains(t.EntryId)).ToListAsync(cancellationToken);
        var entryIds = ids.Concat(translations.Select(t => t.EntryId)).ToHashSet();
        // A revision is never a search hit of its own (its entry is): its id is simply absent, so the index drops it.
        var entries = await db.Entries.AsNoTracking().Canonical().Where(e => entryIds.Contains(e.Id)).ToListAsync(cancellationToken);
        await AttachTagsAsync(db, entries, cancellationToken);
        // Every translation of an entry asked for is already loaded (ids.Contains(t.EntryId)): its languages come from there.
        var languages = translations.ToLookup(t => t.EntryId, t => t.Language);
        var byId = entries.ToDictionary(e => e.Id);
        return entries.Where(e => ids.Contains(e.Id)).Select(e => From(e, languages[e.Id].ToList()))
            .Concat(translations.Where(t => byId.ContainsKey(t.EntryId)).Select(t => From(byId[t.EntryId], t)))
            .ToList();
    }

    /// <summary>Every entry in the store, read in batches by persistent identifier; documents are built on all cores.</summary>
    public async IAsyncEnumerable<SearchDocument> AllAsync(HubDbContext db, int batchSize = 1000, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var after = "";
        while (true)
        {
            var last = after;
            var batch = await db.Entries.AsNoTracking().Canonical().Where(e => e.Pid.CompareTo(last) > 0).OrderBy(e => e.Pid).Take(batchSize)
                .ToListAsync(cancellationToken);
            await AttachTagsAsync(db, batch, cancellationToken);
            var ids = batch.Select(e => e.Id).ToList();
            var translations = (await db.EntryTranslations.AsNoTracking().Where(t => ids.Contains(t.EntryId)).ToListAsync(cancellationToken))
                .ToLookup(t => t.EntryId);
            var documents = batch.AsParallel().AsOrdered().WithCancellation(cancellationToken)
                .SelectMany(e => translations[e.Id].Select(t => From(e, t)).Prepend(From(e, translations[e.Id].Select(t => t.Language).ToList())))
                .ToList();
            foreach (var document in documents)
            {
                yield return document;
            }

            if (batch.Count < batchSize)
            {
                yield break;
            }

            after = batch[^1].Pid;
        }
    }

    /// <summary>Fills the entries' tag lists from the link tables and the loaded taxonomies.</summary>
    private async Task AttachTagsAsync(HubDbContext db, List<Entry> entries, CancellationToken cancellationToken)
    {
        var ids = entries.Select(e => e.Id).ToList();
        var countries = await LinksAsync<string>(db, "EntryCountries", "CountriesIso2", ids, cancellationToken);
        var goals = await LinksAsync<int>(db, "EntrySdgs", "SdgsNumber", ids, cancellationToken);
        var targets = await LinksAsync<string>(db, "EntrySdgTargets", "SdgTargetsCode", ids, cancellationToken);
        var verticals = await LinksAsync<string>(db, "EntryVerticals", "VerticalsSlug", ids, cancellationToken);
        var technologies = await LinksAsync<string>(db, "EntryTechnologies", "TechnologiesSlug", ids, cancellationToken);
        var standards = await LinksAsync<string>(db, "EntryStandards", "StandardsCode", ids, cancellationToken);
        var organizations = await OrganizationsAsync(db, entries, ids, cancellationToken);
        foreach (var entry in entries)
        {
            entry.Organization = entry.OrganizationId is { } owner ? organizations.Owners.GetValueOrDefault(owner) : null;
            entry.Partners = organizations.Partners[entry.Id].ToList();
            entry.Countries = countries[entry.Id].Select(c => _tags.Countries[c]).ToList();
            entry.Sdgs = goals[entry.Id].Select(g => _tags.Goals[g]).ToList();
            entry.SdgTargets = targets[entry.Id].Select(t => _tags.Targets[t]).ToList();
            entry.Verticals = verticals[entry.Id].Select(v => _tags.Verticals[v]).ToList();
            entry.Technologies = technologies[entry.Id].Select(t => _tags.Technologies[t]).ToList();
            entry.Standards = standards[entry.Id].Select(s => _tags.Standards[s]).ToList();
        }
    }

    /// <summary>
    /// The submitting and partner organisations of these entries, read with each batch (not once, like the taxonomies:
    /// organisations are added as people register).
    /// </summary>
    private static async Task<(Dictionary<Guid, Organization> Owners, ILookup<Guid, Organization> Partners)> OrganizationsAsync(
        HubDbContext db, List<Entry> entries, List<Guid> ids, CancellationToken cancellationToken)
    {
        var links = await db.Set<Dictionary<string, object>>("EntryPartners").AsNoTracking()
            .Where(l => ids.Contains(EF.Property<Guid>(l, "PartnerInId")))
            .Select(l => new { Id = EF.Property<Guid>(l, "PartnerInId"), Organization = EF.Property<Guid>(l, "PartnersId") })
            .ToListAsync(cancellationToken);
        var wanted = entries.Where(e => e.OrganizationId is not null).Select(e => e.OrganizationId!.Value)
            .Concat(links.Select(l => l.Organization)).Distinct().ToList();
        var found = await db.Organizations.AsNoTracking().Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        return (found, links.Where(l => found.ContainsKey(l.Organization)).ToLookup(l => l.Id, l => found[l.Organization]));
    }

    /// <summary>Rows of a many-to-many link table (a shared-type entity) for these entries.</summary>
    private static async Task<ILookup<Guid, T>> LinksAsync<T>(HubDbContext db, string table, string column, List<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Dictionary<string, object>>(table).AsNoTracking()
            .Where(l => ids.Contains(EF.Property<Guid>(l, "EntriesId")))
            .Select(l => new { Id = EF.Property<Guid>(l, "EntriesId"), Value = EF.Property<T>(l, column) })
            .ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.Id, r => r.Value);
    }

    /// <summary>
    /// A cheap summary of the store's entries (count and latest change): an index recorded with another
    /// fingerprint missed changes made outside the outbox (a restored backup, a hand edit) and is rebuilt.
    /// </summary>
    public static async Task<string> FingerprintAsync(HubDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var count = await CountAsync(db, cancellationToken);
        var latest = await db.Entries.Canonical().MaxAsync(e => (DateTimeOffset?)e.UpdatedAt, cancellationToken);
        var translated = await db.EntryTranslations.MaxAsync(t => (DateTimeOffset?)t.UpdatedAt, cancellationToken);
        return translated is null
            ? string.Create(CultureInfo.InvariantCulture, $"{count}:{latest?.UtcTicks ?? 0}")
            : string.Create(CultureInfo.InvariantCulture, $"{count}:{latest?.UtcTicks ?? 0}:{translated.Value.UtcTicks}");
    }

    /// <summary>How many documents the store makes: its entries (not revisions) and their translations.</summary>
    public static async Task<long> CountAsync(HubDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Entries.Canonical().LongCountAsync(cancellationToken) + await db.EntryTranslations.LongCountAsync(cancellationToken);
    }

    /// <summary>An original's document: hidden from readers of the languages it is translated into.</summary>
    public SearchDocument From(Entry entry, IReadOnlyCollection<string> translatedInto) =>
        Document(entry) with { HiddenFor = Catalogue.Translations.TranslationRules.HiddenFor(null, translatedInto) };

    /// <summary>
    /// A translation's document: its own id, slug, language and text, the entry's kind, status, owner and tags, so it is
    /// found, filtered and counted exactly as its entry (search shows one of the two: see <see cref="SearchDocument.HiddenFor"/>).
    /// </summary>
    public SearchDocument From(Entry entry, Catalogue.Translations.EntryTranslation translation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(translation);
        var original = Document(entry);
        var tags = new Dictionary<string, IReadOnlyList<string>>(original.Tags) { [Facets.Language] = [translation.Language] };
        return original with
        {
            Id = translation.Id,
            Slug = translation.Slug,
            Title = translation.Title,
            Summary = translation.Summary,
            Body = BodyText(translation.Body, translation.Interoperability, translation.DataAndIdentifiers, translation.SecurityAndTrust, translation.LessonsLearned)
                + OrganizationsText(entry),
            Language = translation.Language,
            UpdatedAt = translation.UpdatedAt > entry.UpdatedAt ? translation.UpdatedAt : entry.UpdatedAt,
            Tags = tags,
            TranslationOf = entry.Id,
            HiddenFor = Catalogue.Translations.TranslationRules.HiddenFor(translation.Language, []),
        };
    }

    private SearchDocument Document(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var useCase = entry as UseCase;
        var countries = entry.Countries.OrderBy(c => c.Iso2, StringComparer.Ordinal).ToList();
        var regions = countries.Where(c => c.RegionCode is not null).Select(c => c.RegionCode!).Distinct().Order(StringComparer.Ordinal).ToList();
        var subregions = countries.Where(c => c.SubRegionCode is not null).Select(c => c.SubRegionCode!).Distinct().Order(StringComparer.Ordinal).ToList();
        var year = useCase?.StartYear ?? entry.PublishedAt?.Year;
        var tags = new Dictionary<string, IReadOnlyList<string>>
        {
            [Facets.Type] = [SearchTypes.Of(entry.Kind)],
            [Facets.Sdg] = entry.Sdgs.Select(g => g.Number.ToString(CultureInfo.InvariantCulture)).Distinct().ToList(),
            [Facets.Target] = entry.SdgTargets.Select(t => t.Code).Distinct().ToList(),
            [Facets.Vertical] = entry.Verticals.Select(v => v.Slug).Distinct().ToList(),
            [Facets.Region] = regions,
            [Facets.Subregion] = subregions,
            [Facets.Country] = countries.Select(c => c.Iso2).ToList(),
            [Facets.Group] = countries.SelectMany(c => c.Groups()).Distinct().Order(StringComparer.Ordinal).ToList(),
            [Facets.Stage] = useCase is null ? [] : [useCase.Stage.ToString().ToLowerInvariant()],
            [Facets.Standard] = entry.Standards.Select(s => s.Code).Distinct().ToList(),
            [Facets.Technology] = entry.Technologies.Select(t => t.Slug).Distinct().ToList(),
            [Facets.Year] = year is { } y ? [y.ToString(CultureInfo.InvariantCulture)] : [],
            [Facets.Language] = [entry.Language.ToLowerInvariant()],
        };
        var labels = new List<TagLabel>();
        labels.AddRange(entry.Sdgs.Select(g => new TagLabel(Facets.Sdg, g.Number.ToString(CultureInfo.InvariantCulture), g.ShortTitle)));
        labels.AddRange(entry.Verticals.Select(v => new TagLabel(Facets.Vertical, v.Slug, v.Name)));
        labels.AddRange(countries.Select(c => new TagLabel(Facets.Country, c.Iso2, c.Name)));
        labels.AddRange(regions.Concat(subregions).Where(_regionNames.ContainsKey)
            .Select(code => new TagLabel(regions.Contains(code) ? Facets.Region : Facets.Subregion, code, _regionNames[code])));
        labels.AddRange(entry.Technologies.Select(t => new TagLabel(Facets.Technology, t.Slug, t.Name)));
        labels.AddRange(entry.Standards.Select(s => new TagLabel(Facets.Standard, s.Code, s.Code)));
        var parents = new List<FacetParent>();
        parents.AddRange(entry.SdgTargets.Select(t => new FacetParent(Facets.Target, t.Code, t.GoalNumber.ToString(CultureInfo.InvariantCulture))));
        parents.AddRange(countries.Where(c => c.SubRegionCode is not null).Select(c => new FacetParent(Facets.Country, c.Iso2, c.SubRegionCode!)));
        parents.AddRange(countries.Where(c => c.SubRegionCode is not null && c.RegionCode is not null)
            .Select(c => new FacetParent(Facets.Subregion, c.SubRegionCode!, c.RegionCode!)).Distinct());
        return new SearchDocument
        {
            Id = entry.Id,
            Pid = entry.Pid,
            Type = tags[Facets.Type][0],
            Slug = entry.Slug,
            Title = entry.Title,
            Summary = entry.Summary,
            Body = BodyText(entry),
            Language = entry.Language.ToLowerInvariant(),
            Status = entry.Status.ToString(),
            Organization = entry.OrganizationId,
            PublishedAt = entry.PublishedAt,
            UpdatedAt = entry.UpdatedAt,
            Tags = tags,
            Labels = labels,
            LocalizedLabels = Localized(labels),
            Parents = parents,
        };
    }

    /// <summary>The tags' names in the other UN languages, where they differ from the English one.</summary>
    private List<LocalizedLabel> Localized(List<TagLabel> labels)
    {
        var localized = new List<LocalizedLabel>();
        foreach (var language in ReaderLanguage.Languages)
        {
            foreach (var label in labels)
            {
                if (_labels.Find(label.Facet, label.Value, language) is { Length: > 0 } text && text != label.Label)
                {
                    localized.Add(new LocalizedLabel(language, text));
                }
            }
        }

        return localized;
    }

    /// <summary>
    /// The body and a use case's standpoints as plain text (Markdown syntax is not something to find), then the names of
    /// the submitting and partner organisations, which the entry page shows: an entry is found by who made it, and a
    /// name in English on an entry written in another language ("Shandong Port Group" on a Chinese entry) is often the
    /// only place an English reader's word appears. They weigh as body text, the least.
    /// </summary>
    private static string BodyText(Entry entry) => (entry is UseCase useCase
        ? BodyText(entry.Body, useCase.Interoperability, useCase.DataAndIdentifiers, useCase.SecurityAndTrust, useCase.LessonsLearned)
        : BodyText(entry.Body)) + OrganizationsText(entry);

    /// <summary>The organisations' names as a last paragraph of the body ("" when there are none).</summary>
    private static string OrganizationsText(Entry entry)
    {
        var names = new[] { entry.Organization?.Name }.Concat(entry.Partners.Select(p => p.Name))
            .Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? "" : "\n\n" + string.Join(" · ", names);
    }

    private static string BodyText(params string[] parts) =>
        string.Join("\n\n", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(MarkdownRenderer.ToPlainText));
}
