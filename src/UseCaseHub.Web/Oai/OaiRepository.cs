using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Catalogue.Translations;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Versions;

namespace UseCaseHub.Web.Oai;

/// <summary>A record's header: identifier (the PID), datestamp, sets, and whether it was withdrawn from public view.</summary>
public sealed record OaiHeader(Guid Id, string Pid, DateTimeOffset Datestamp, bool Deleted, IReadOnlyList<string> Sets);

/// <summary>One set: <c>vertical:water</c>, <c>sdg:6</c>, <c>region:002</c>, and the three parents.</summary>
public sealed record OaiSet(string Spec, string Name);

/// <summary>
/// What the repository holds: public entries as records, and entries that were public once and are no longer as deleted
/// records (<see cref="PublicHistory"/>), nothing else, ever. Metadata is read only for public entries
/// (<see cref="Visibility.PublicOnly"/>), so a deleted record can carry nothing but its header.
/// </summary>
public sealed class OaiRepository(HubDbContext db)
{
    private IQueryable<Entry> Records => PublicHistory.PublicOrOncePublic(db.Entries.AsNoTracking(), db.EntryVersions.AsNoTracking().IgnoreQueryFilters());

    /// <summary>An entry with its record's datestamp.</summary>
    private sealed class Dated
    {
        public Entry Entry { get; init; } = null!;
        public DateTimeOffset Datestamp { get; init; }
    }

    /// <summary>
    /// Each entry with the datestamp of its record: the latest change of the entry or of any of its visible translations
    /// (a record carries every language version's title and description, so a translation's change changes the record).
    /// Incremental harvests, datestamps and the earliest datestamp all read this one rule.
    /// </summary>
    private IQueryable<Dated> WithDatestamp(IQueryable<Entry> entries)
    {
        var translations = db.EntryTranslations.AsNoTracking().VisibleTo(db.Entries, SearchAudience.Public);
        return entries.Select(e => new Dated
        {
            Entry = e,
            Datestamp = translations.Where(t => t.EntryId == e.Id && t.UpdatedAt > e.UpdatedAt).Max(t => (DateTimeOffset?)t.UpdatedAt) ?? e.UpdatedAt,
        });
    }

    /// <summary>True when the setSpec is one the repository defines (its form: <c>vertical[:slug]</c>, <c>sdg[:n]</c>, <c>region[:m49]</c>).</summary>
    public static bool IsWellFormedSet(string set) =>
        set.Length <= 100 && (set is "vertical" or "sdg" or "region"
            || (set.StartsWith("vertical:", StringComparison.Ordinal) && set.Length > 9)
            || (set.StartsWith("sdg:", StringComparison.Ordinal) && int.TryParse(set[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 17)
            || (set.StartsWith("region:", StringComparison.Ordinal) && set.Length == 10 && set[7..].All(char.IsAsciiDigit)));

    private static Expression<Func<Entry, bool>> InSet(string set)
    {
        var parts = set.Split(':', 2);
        var value = parts.Length == 2 ? parts[1] : null;
        return parts[0] switch
        {
            "vertical" when value is null => e => e.Verticals.Any(),
            "vertical" => e => e.Verticals.Any(v => v.Slug == value),
            "sdg" when value is null => e => e.Sdgs.Any(),
            "sdg" => Sdg(int.Parse(value, CultureInfo.InvariantCulture)),
            "region" when value is null => e => e.Countries.Any(c => c.RegionCode != null),
            _ => e => e.Countries.Any(c => c.RegionCode == value || c.SubRegionCode == value || c.IntermediateRegionCode == value),
        };
    }

    private static Expression<Func<Entry, bool>> Sdg(int goal) => e => e.Sdgs.Any(g => g.Number == goal);

    private IQueryable<Entry> Query(string? set, OaiWindow window)
    {
        var entries = Records;
        if (set is not null)
        {
            entries = entries.Where(InSet(set));
        }

        var query = WithDatestamp(entries);
        if (window.From is { } from)
        {
            query = query.Where(d => d.Datestamp >= from);
        }

        if (window.Until is { } until)
        {
            query = query.Where(d => d.Datestamp < until);
        }

        return query.Select(d => d.Entry);
    }

    public Task<int> CountAsync(string? set, OaiWindow window, CancellationToken cancellationToken) => Query(set, window).CountAsync(cancellationToken);

    /// <summary>The next page of headers after <paramref name="after"/> (a PID; empty for the first page), in PID order.</summary>
    public async Task<List<OaiHeader>> PageAsync(string? set, OaiWindow window, string after, int size, CancellationToken cancellationToken)
    {
        var query = Query(set, window);
        if (after.Length > 0)
        {
            // Translated by EF into the store's own comparison (the same order as OrderBy below); no culture is involved.
#pragma warning disable CA1309
            query = query.Where(e => string.Compare(e.Pid, after) > 0);
#pragma warning restore CA1309
        }

        var ids = await query.OrderBy(e => e.Pid).Select(e => e.Id).Take(size).ToListAsync(cancellationToken);
        return await HeadersAsync(ids, cancellationToken);
    }

    /// <summary>The header of the record with this PID, if the repository holds it.</summary>
    public async Task<OaiHeader?> FindAsync(string pid, CancellationToken cancellationToken)
    {
        var id = await Records.Where(e => e.Pid == pid).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : (await HeadersAsync([id.Value], cancellationToken)).FirstOrDefault();
    }

    private async Task<List<OaiHeader>> HeadersAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var publicIds = db.Entries.PublicOnly().Select(e => e.Id);
        var rows = await WithDatestamp(db.Entries.AsNoTracking().Where(e => ids.Contains(e.Id)))
            .Select(d => new
            {
                d.Entry.Id,
                d.Entry.Pid,
                d.Datestamp,
                Public = publicIds.Contains(d.Entry.Id),
                Verticals = d.Entry.Verticals.Select(v => v.Slug).ToList(),
                Sdgs = d.Entry.Sdgs.Select(g => g.Number).ToList(),
                Regions = d.Entry.Countries.Select(c => new { c.RegionCode, c.SubRegionCode, c.IntermediateRegionCode }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Pid, StringComparer.Ordinal).Select(r => new OaiHeader(r.Id, r.Pid, r.Datestamp, !r.Public,
            [
                .. r.Verticals.Order(StringComparer.Ordinal).Select(v => "vertical:" + v),
                .. r.Sdgs.Order().Select(g => "sdg:" + g.ToString(CultureInfo.InvariantCulture)),
                .. r.Regions.SelectMany(c => new[] { c.RegionCode, c.SubRegionCode, c.IntermediateRegionCode }).OfType<string>()
                    .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(c => "region:" + c),
            ]))];
    }

    /// <summary>Public entries with everything Dublin Core describes, by id (a deleted record's id finds nothing here).</summary>
    public async Task<Dictionary<Guid, Entry>> PublicEntriesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var entries = await db.Entries.AsNoTracking().PublicOnly().Where(e => ids.Contains(e.Id))
            .Include(e => e.Verticals).Include(e => e.Countries).Include(e => e.Sdgs).Include(e => e.SdgTargets)
            .Include(e => e.Technologies).Include(e => e.Standards).Include(e => e.Organization).Include(e => e.Partners)
            .AsSplitQuery().ToListAsync(cancellationToken);
        return entries.ToDictionary(e => e.Id);
    }

    /// <summary>The visible translations of these entries (<see cref="TranslationRules.VisibleTo"/>), by entry.</summary>
    public async Task<ILookup<Guid, EntryTranslation>> TranslationsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        (await db.EntryTranslations.AsNoTracking().VisibleTo(db.Entries, SearchAudience.Public).Where(t => ids.Contains(t.EntryId))
            .OrderBy(t => t.Language).ToListAsync(cancellationToken)).ToLookup(t => t.EntryId);

    /// <summary>The oldest datestamp the repository holds (Identify's earliestDatestamp).</summary>
    public async Task<DateTimeOffset?> EarliestAsync(CancellationToken cancellationToken) =>
        await WithDatestamp(Records).OrderBy(d => d.Datestamp).Select(d => (DateTimeOffset?)d.Datestamp).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Every set: the three parents, each vertical, each goal, each M49 region, sub-region and intermediate region.</summary>
    public async Task<List<OaiSet>> SetsAsync(CancellationToken cancellationToken)
    {
        var sets = new List<OaiSet> { new("vertical", "Verticals"), new("sdg", "Sustainable Development Goals"), new("region", "UN M49 regions") };
        sets.AddRange((await db.Verticals.AsNoTracking().OrderBy(v => v.Slug).Select(v => new { v.Slug, v.Name }).ToListAsync(cancellationToken))
            .Select(v => new OaiSet("vertical:" + v.Slug, v.Name)));
        sets.AddRange((await db.SdgGoals.AsNoTracking().OrderBy(g => g.Number).Select(g => new { g.Number, g.ShortTitle }).ToListAsync(cancellationToken))
            .Select(g => new OaiSet("sdg:" + g.Number.ToString(CultureInfo.InvariantCulture), $"SDG {g.Number.ToString(CultureInfo.InvariantCulture)}: {g.ShortTitle}")));
        sets.AddRange((await db.Regions.AsNoTracking().Select(r => new { r.Code, r.Name }).ToListAsync(cancellationToken))
            .Where(r => r.Code.Length == 3 && r.Code.All(char.IsAsciiDigit)).OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new OaiSet("region:" + r.Code, r.Name)));
        return sets;
    }
}
