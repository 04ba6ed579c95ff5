using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Markdown;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Core.Search;

/// <summary>
/// Turns stored entries into <see cref="SearchDocument"/>s: the one place that decides which tags an entry
/// is found by, so every engine and every way of indexing (outbox, rebuild, benchmark) agrees.
/// </summary>
public sealed class SearchDocuments(IReadOnlyDictionary<string, string> regionNames)
{
    /// <summary>Loads the M49 region names once, so documents can carry "Eastern Africa" as searchable text.</summary>
    public static async Task<SearchDocuments> CreateAsync(HubDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new(await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken));
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
        var entries = await WithTags(db.Entries.Where(e => ids.Contains(e.Id))).ToListAsync(cancellationToken);
        return entries.Select(From).ToList();
    }

    /// <summary>Every entry in the store, read in batches by persistent identifier.</summary>
    public async IAsyncEnumerable<SearchDocument> AllAsync(HubDbContext db, int batchSize = 1000, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var after = "";
        while (true)
        {
            var last = after;
            var batch = await WithTags(db.Entries.Where(e => e.Pid.CompareTo(last) > 0).OrderBy(e => e.Pid).Take(batchSize))
                .ToListAsync(cancellationToken);
            foreach (var entry in batch)
            {
                yield return From(entry);
            }

            if (batch.Count < batchSize)
            {
                yield break;
            }

            after = batch[^1].Pid;
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// A cheap summary of the store's entries (count and latest change): an index recorded with another
    /// fingerprint missed changes made outside the outbox (a restored backup, a hand edit) and is rebuilt.
    /// </summary>
    public static async Task<string> FingerprintAsync(HubDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var count = await db.Entries.CountAsync(cancellationToken);
        var latest = await db.Entries.MaxAsync(e => (DateTimeOffset?)e.UpdatedAt, cancellationToken);
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
            [Facets.Type] = [entry.Kind == EntryKind.UseCase ? SearchTypes.UseCase : SearchTypes.BestPractice],
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
        labels.AddRange(regions.Concat(subregions).Where(regionNames.ContainsKey)
            .Select(code => new TagLabel(regions.Contains(code) ? Facets.Region : Facets.Subregion, code, regionNames[code])));
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
            Parents = parents,
        };
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
