using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Catalogue.Translations;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Web.Site;

/// <summary>An entry as a line in a list.</summary>
public sealed record EntryCard(
    string Pid, string Type, string Slug, string Title, string Summary, string Language,
    DateTimeOffset? PublishedAt, DeploymentStage? Stage, List<string> Countries, List<int> Sdgs)
{
    public EntryKind Kind => Enum.Parse<EntryKind>(Type);
    public string Path => $"/{Kind.UrlSegment()}/{Slug}";
}

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>What a slug names: a public entry, or a visible translation (<see cref="Translation"/>) of <see cref="Entry"/>.</summary>
public sealed record EntryAtSlug(Entry Entry, EntryTranslation? Translation);

/// <summary>A taxonomy value with how many published entries carry it.</summary>
public sealed record TagCount(string Key, string Label, int Count, string? Colour = null);

/// <summary>
/// What the site reads from the store. Visitors only ever see the public statuses (published and retired), by the
/// one rule in <see cref="Visibility"/>. Taxonomy names are shown in the reader's language through
/// <see cref="ITaxonomyLabels"/> and ordered as it sorts.
/// </summary>
public sealed class CatalogueQueries(HubDbContext db, IOptions<SiteOptions> options, ITaxonomyLabels labels)
{
    public int PageSize => options.Value.PageSize;

    public IQueryable<Entry> Published => db.Entries.AsNoTracking().PublicOnly();

    public async Task<PagedList<EntryCard>> PageAsync(IQueryable<Entry> entries, int page, CancellationToken cancellationToken = default)
    {
        var total = await entries.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var items = Labelled(await Cards(entries.OrderByDescending(e => e.PublishedAt).ThenBy(e => e.Title)
            .Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(cancellationToken));
        return new PagedList<EntryCard>(items, page, PageSize, total);
    }

    private static IQueryable<EntryCard> Cards(IQueryable<Entry> entries) => entries.Select(e => new EntryCard(
        e.Pid, EF.Property<string>(e, "Type"), e.Slug, e.Title, e.Summary, e.Language, e.PublishedAt,
        e is UseCase ? ((UseCase)e).Stage : null,
        e.Countries.Select(c => c.Iso2).ToList(),
        e.Sdgs.OrderBy(g => g.Number).Select(g => g.Number).ToList()));

    /// <summary>Cards read with country codes, given the countries' names in the reader's language.</summary>
    private List<EntryCard> Labelled(List<EntryCard> cards) =>
        cards.ConvertAll(c => c with { Countries = [.. c.Countries.Select(iso2 => labels.Label(TaxonomyKinds.Country, iso2)).Order(StringComparer.CurrentCulture)] });

    /// <summary>Tag counts with their labels in the reader's language.</summary>
    private List<TagCount> Labelled(string kind, IEnumerable<TagCount> counts) =>
        [.. counts.Select(c => c with { Label = labels.Label(kind, c.Key, c.Label) })];

    /// <summary>The same, ordered by label as the reader's language sorts.</summary>
    private List<TagCount> LabelledByName(string kind, IEnumerable<TagCount> counts) =>
        [.. Labelled(kind, counts).OrderBy(c => c.Label, StringComparer.CurrentCulture)];

    /// <summary>Filtered by the discriminator rather than OfType, so includes of either kind still apply.</summary>
    public IQueryable<Entry> OfKind(EntryKind kind)
    {
        var type = kind.ToString();
        return Published.Where(e => EF.Property<string>(e, "Type") == type);
    }

    public IQueryable<Entry> WithSdg(int goal) => Published.Where(e => e.Sdgs.Any(g => g.Number == goal));

    public IQueryable<Entry> WithVertical(string slug) => Published.Where(e => e.Verticals.Any(v => v.Slug == slug));

    public IQueryable<Entry> WithCountry(string iso2) => Published.Where(e => e.Countries.Any(c => c.Iso2 == iso2));

    /// <summary>Entries in any country of an M49 region at any level, or of an ITU-D region.</summary>
    public IQueryable<Entry> InRegion(string code) => Published.Where(e => e.Countries.Any(c =>
        c.RegionCode == code || c.SubRegionCode == code || c.IntermediateRegionCode == code || c.ItuRegionCode == code));

    /// <summary>
    /// Canonical (not a revision, which is never public anyway): the slug and PID unique indexes hold only among
    /// non-revisions, and only a query that says so can use them (without it every entry page scanned all entries of
    /// its kind: 12 s at 100,000 entries, found by the soak). Said here, at the lookups, not in the public rule: there
    /// it changed other queries' plans (OData $filter over tag links 7x slower).
    /// </summary>
    public Task<Entry?> EntryAsync(EntryKind kind, string slug, CancellationToken cancellationToken = default) =>
        WithDetails(OfKind(kind).Canonical()).FirstOrDefaultAsync(e => e.Slug == slug, cancellationToken);

    private static IQueryable<Entry> WithDetails(IQueryable<Entry> entries) =>
        entries
            .Include(e => e.Verticals).Include(e => e.Countries).Include(e => e.Sdgs).Include(e => e.SdgTargets)
            .Include(e => e.Technologies).Include(e => e.Standards).Include(e => e.Organization).Include(e => e.Partners)
            .Include(e => ((BestPractice)e).DrawsOn.Where(u => EntryStatuses.Public.Contains(u.Status)))
            .Include(e => ((UseCase)e).CitedBy.Where(b => EntryStatuses.Public.Contains(b.Status)))
            .AsSplitQuery();

    /// <summary>
    /// The path of the entry with this persistent identifier or UUID, if published: its translation in the reader's
    /// language when it has one, else the original (<see cref="TranslationRules.Choose"/>; null reader language: the original).
    /// </summary>
    public async Task<string?> PathOfAsync(string pidOrUuid, string? readerLanguage = null, CancellationToken cancellationToken = default)
    {
        var pid = pidOrUuid.ToUpperInvariant();
        var query = Guid.TryParse(pidOrUuid, out var id)
            ? Published.Where(e => e.Id == id)
            : Published.Canonical().Where(e => e.Pid == pid);
        var found = await query.Select(e => new { e.Id, Type = EF.Property<string>(e, "Type"), e.Slug, e.Language }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var segment = Enum.Parse<EntryKind>(found.Type).UrlSegment();
        var versions = await VisibleTranslations.Where(t => t.EntryId == found.Id).Select(t => new { t.Language, t.Slug }).ToListAsync(cancellationToken);
        var chosen = TranslationRules.Choose(readerLanguage, found.Language, versions.Select(v => v.Language));
        return $"/{segment}/{versions.FirstOrDefault(v => v.Language == chosen)?.Slug ?? found.Slug}";
    }

    /// <summary>Translations visitors may see: those of public entries (the one rule in <see cref="TranslationRules.VisibleTo"/>).</summary>
    private IQueryable<EntryTranslation> VisibleTranslations =>
        db.EntryTranslations.AsNoTracking().VisibleTo(db.Entries, UseCaseHub.Core.Search.SearchAudience.Public);

    /// <summary>A visible translation served at this slug under this kind's path, with its entry and everything the entry page shows.</summary>
    public async Task<EntryTranslation?> TranslationAsync(EntryKind kind, string slug, CancellationToken cancellationToken = default)
    {
        var translation = await VisibleTranslations.FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken);
        if (translation is null)
        {
            return null;
        }

        translation.Entry = await WithDetails(OfKind(kind)).FirstOrDefaultAsync(e => e.Id == translation.EntryId, cancellationToken);
        return translation.Entry is null ? null : translation;
    }

    /// <summary>
    /// What the address <c>/{kind}/{slug}</c> shows, as the entry page, its exports and its citations all find it: a
    /// public entry with this slug, else a visible translation served at it (with its entry); null when neither.
    /// </summary>
    public async Task<EntryAtSlug?> EntryOrTranslationAsync(EntryKind kind, string slug, CancellationToken cancellationToken = default)
    {
        if (await EntryAsync(kind, slug, cancellationToken) is { } entry)
        {
            return new EntryAtSlug(entry, null);
        }

        return await TranslationAsync(kind, slug, cancellationToken) is { Entry: { } original } translation ? new EntryAtSlug(original, translation) : null;
    }

    /// <summary>Every language an entry can be read in: the original first, then its visible translations.</summary>
    public async Task<List<LanguageVersion>> LanguageVersionsAsync(Entry original, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(original);
        var translations = await VisibleTranslations.Where(t => t.EntryId == original.Id).OrderBy(t => t.Language)
            .Select(t => new LanguageVersion(t.Language, $"/{original.Kind.UrlSegment()}/{t.Slug}", false)).ToListAsync(cancellationToken);
        return [new LanguageVersion(original.Language, original.Path, true), .. translations];
    }

    public async Task<List<EntryCard>> LatestAsync(int count, CancellationToken cancellationToken = default) =>
        Labelled(await Cards(Published.OrderByDescending(e => e.PublishedAt).ThenBy(e => e.Title).Take(count)).ToListAsync(cancellationToken));

    public async Task<List<TagCount>> SdgCountsAsync(CancellationToken cancellationToken = default)
    {
        var goals = await db.SdgGoals.AsNoTracking().OrderBy(g => g.Number).Select(g => new
        {
            g.Number,
            g.ShortTitle,
            g.Colour,
            Count = g.Entries.Count(e => EntryStatuses.Public.Contains(e.Status)),
        }).ToListAsync(cancellationToken);
        return Labelled(TaxonomyKinds.Sdg, goals.Select(g => new TagCount(g.Number.ToString(CultureInfo.InvariantCulture), g.ShortTitle, g.Count, g.Colour)));
    }

    public async Task<List<TagCount>> VerticalCountsAsync(CancellationToken cancellationToken = default) =>
        LabelledByName(TaxonomyKinds.Vertical, await db.Verticals.AsNoTracking().Select(v => new TagCount(
            v.Slug, v.Name, v.Entries.Count(e => EntryStatuses.Public.Contains(e.Status)), null))
            .ToListAsync(cancellationToken));

    public async Task<List<TagCount>> ItuRegionCountsAsync(CancellationToken cancellationToken = default) =>
        LabelledByName(TaxonomyKinds.ItuRegion, await db.ItuRegions.AsNoTracking().Select(r => new TagCount(
            r.Code, r.Name, Published.Count(e => e.Countries.Any(c => c.ItuRegionCode == r.Code)), null))
            .ToListAsync(cancellationToken));

    /// <summary>Counts for the M49 regions directly below <paramref name="parent"/> (the world when null).</summary>
    public async Task<List<TagCount>> SubRegionCountsAsync(string? parent, CancellationToken cancellationToken = default)
    {
        var level = parent is null ? RegionLevel.Region : (RegionLevel?)null;
        var regions = await db.Regions.AsNoTracking()
            .Where(r => level != null ? r.Level == level : r.ParentCode == parent)
            .OrderBy(r => r.Name).ToListAsync(cancellationToken);
        var counts = new List<TagCount>();
        foreach (var region in regions)
        {
            counts.Add(new TagCount(region.Code, region.Name, await InRegion(region.Code).CountAsync(cancellationToken)));
        }

        return LabelledByName(TaxonomyKinds.Region, counts);
    }

    public async Task<List<TagCount>> CountryCountsAsync(string? regionCode, CancellationToken cancellationToken = default) =>
        LabelledByName(TaxonomyKinds.Country, await db.Countries.AsNoTracking()
            .Where(c => regionCode == null || c.RegionCode == regionCode || c.SubRegionCode == regionCode
                || c.IntermediateRegionCode == regionCode || c.ItuRegionCode == regionCode)
            .Where(c => c.Entries.Any(e => EntryStatuses.Public.Contains(e.Status)))
            .Select(c => new TagCount(c.Iso2, c.Name, c.Entries.Count(e => EntryStatuses.Public.Contains(e.Status)), null))
            .ToListAsync(cancellationToken));

    public Task<int> CountAsync(EntryKind kind, CancellationToken cancellationToken = default) => OfKind(kind).CountAsync(cancellationToken);

    public Task<SdgGoal?> SdgAsync(int number, CancellationToken cancellationToken = default) =>
        db.SdgGoals.AsNoTracking().Include(g => g.Targets).FirstOrDefaultAsync(g => g.Number == number, cancellationToken);

    public Task<Vertical?> VerticalAsync(string slug, CancellationToken cancellationToken = default) =>
        db.Verticals.AsNoTracking().FirstOrDefaultAsync(v => v.Slug == slug, cancellationToken);

    public Task<Country?> CountryAsync(string iso2, CancellationToken cancellationToken = default)
    {
        var code = iso2.ToUpperInvariant();
        return db.Countries.AsNoTracking().FirstOrDefaultAsync(c => c.Iso2 == code, cancellationToken);
    }

    /// <summary>An M49 region by code, or an ITU-D region by its code, as (name in the reader's language, parent code).</summary>
    public async Task<(string Name, string? Parent, bool Itu)?> RegionAsync(string code, CancellationToken cancellationToken = default)
    {
        if (await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == code, cancellationToken) is { } region)
        {
            return (labels.Label(TaxonomyKinds.Region, region.Code, region.Name), region.Level == RegionLevel.Region ? null : region.ParentCode, false);
        }

        return await db.ItuRegions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == code, cancellationToken) is { } itu
            ? (labels.Label(TaxonomyKinds.ItuRegion, itu.Code, itu.Name), null, true)
            : null;
    }

    public Task<Page?> PageAsync(string slug, string language, CancellationToken cancellationToken = default) =>
        db.Pages.AsNoTracking().Where(p => p.Slug == slug && (p.Language == language || p.Language == "en"))
            .OrderBy(p => p.Language == language ? 0 : 1).FirstOrDefaultAsync(cancellationToken);
}

/// <summary>One language an entry can be read in, and where.</summary>
public sealed record LanguageVersion(string Language, string Path, bool IsOriginal);

/// <summary>Tag counts that link to <c>/{BasePath}/{key}</c>.</summary>
public sealed record TagList(string BasePath, IEnumerable<TagCount> Counts);
