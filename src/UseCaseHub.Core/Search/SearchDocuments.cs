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
    private readonly ITaxonomyLabels? _labels;

    private SearchDocuments(IReadOnlyDictionary<string, string> regionNames, Tags tags, ITaxonomyLabels? labels)
    {
        _regionNames = regionNames;
        _tags = tags;
        _labels = labels;
    }

    /// <summary>The taxonomies by key, loaded once, so entries need only their link rows (no joins per entry).</summary>
    private sealed record Tags(
        Dictionary<string, Country> Countries, Dictionary<int, SdgGoal> Goals, Dictionary<string, SdgTarget> Targets,
        Dictionary<string, Vertical> Verticals, Dictionary<string, Technology> Technologies, Dictionary<string, Standard> Standards);

    /// <summary>Loads the taxonomies once, including M49 region names so documents can carry "Eastern Africa" as searchable text.</summary>
    public static Task<SearchDocuments> CreateAsync(HubDbContext db, CancellationToken cancellationToken = default) =>
        CreateAsync(db, null, cancellationToken);

    /// <summary>
    /// As <see cref="CreateAsync(HubDbContext, CancellationToken)"/>, with the tags' names in the other UN languages from
    /// <paramref name="labels"/> (null or an unknown label: English only), so a French reader's <c>eau</c> finds SDG 6.
    /// </summary>
    public static async Task<SearchDocuments> CreateAsync(HubDbContext db, ITaxonomyLabels? labels, CancellationToken cancellationToken = default)
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

    /// <summary>Entries with everything <see cref="From"/> reads.</summary>
    public static IQueryable<Entry> WithTags(IQueryable<Entry> entries) => entries.AsNoTracking()
        .Include(e => e.Verticals).Include(e => e.Countries).Include(e => e.Sdgs).Include(e => e.SdgTargets)
        .Include(e => e.Technologies).Include(e => e.Standards)
        .AsSplitQuery();

    /// <summary>The documents of these entry ids; ids no longer in the store are simply absent.</summary>
    public async Task<List<SearchDocument>> LoadAsync(HubDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // A revision is never a search hit of its own (its entry is): its id is simply absent, so the index drops it.
        var entries = await db.Entries.AsNoTracking().Canonical().Where(e => ids.Contains(e.Id)).ToListAsync(cancellationToken);
        await AttachTagsAsync(db, entries, cancellationToken);
        return entries.Select(From).ToList();
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
            foreach (var document in batch.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(From).ToList())
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
        foreach (var entry in entries)
        {
            entry.Countries = countries[entry.Id].Select(c => _tags.Countries[c]).ToList();
            entry.Sdgs = goals[entry.Id].Select(g => _tags.Goals[g]).ToList();
            entry.SdgTargets = targets[entry.Id].Select(t => _tags.Targets[t]).ToList();
            entry.Verticals = verticals[entry.Id].Select(v => _tags.Verticals[v]).ToList();
            entry.Technologies = technologies[entry.Id].Select(t => _tags.Technologies[t]).ToList();
            entry.Standards = standards[entry.Id].Select(s => _tags.Standards[s]).ToList();
        }
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
        var count = await db.Entries.Canonical().CountAsync(cancellationToken);
        var latest = await db.Entries.Canonical().MaxAsync(e => (DateTimeOffset?)e.UpdatedAt, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{count}:{latest?.UtcTicks ?? 0}");
    }

    public SearchDocument From(Entry entry)
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
        if (_labels is null)
        {
            return localized;
        }

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

    /// <summary>The body and a use case's standpoints as plain text: Markdown syntax is not something to find.</summary>
    private static string BodyText(Entry entry)
    {
        var parts = new List<string> { entry.Body };
        if (entry is UseCase useCase)
        {
            parts.AddRange([useCase.Interoperability, useCase.DataAndIdentifiers, useCase.SecurityAndTrust, useCase.LessonsLearned]);
        }

        return string.Join("\n\n", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(MarkdownRenderer.ToPlainText));
    }
}
