using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Web.Submit;

/// <summary>A value a picker offers: its key (what the form posts) and its label.</summary>
public sealed record Choice(string Key, string Label);

/// <summary>Choices shown together: an SDG with its targets, the countries of a region, the standards of a series.</summary>
public sealed record ChoiceGroup(string Key, string Label, IReadOnlyList<Choice> Items);

/// <summary>What the taxonomy pickers offer, grouped so they work as plain checkboxes without JavaScript.</summary>
public sealed record TaxonomyChoices(
    IReadOnlyList<ChoiceGroup> Sdgs, IReadOnlyList<Choice> Verticals, IReadOnlyList<ChoiceGroup> Countries,
    IReadOnlyList<ChoiceGroup> Standards, IReadOnlyList<Choice> Technologies, IReadOnlyList<Choice> Organizations);

/// <summary>
/// Reads the taxonomies for the form's pickers. They change only with a seed or an import, so they are read at most
/// once a minute per language (names are in the reader's language, ordered as it sorts); the use cases a best practice may draw on depend on who asks and are read per request.
/// </summary>
public sealed class SubmitChoices(HubDbContext db, IMemoryCache cache, ITaxonomyLabels labels, IStringLocalizer<SharedResource> text)
{
    private const string Key = "submit:choices:";

    public async Task<TaxonomyChoices> TaxonomiesAsync(CancellationToken cancellationToken = default) =>
        (await cache.GetOrCreateAsync(Key + TaxonomyLabels.CurrentLanguage, async item =>
        {
            item.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await ReadAsync(cancellationToken);
        }))!;

    private async Task<TaxonomyChoices> ReadAsync(CancellationToken cancellationToken)
    {
        var goals = await db.SdgGoals.AsNoTracking().Include(g => g.Targets).OrderBy(g => g.Number).ToListAsync(cancellationToken);
        var sdgs = goals.Select(g => new ChoiceGroup(
            g.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{g.Number}. {labels.Label(TaxonomyKinds.Sdg, g.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), g.ShortTitle)}",
            [.. g.Targets.OrderBy(t => t.Code, TargetOrder.Instance).Select(t => new Choice(t.Code, $"{t.Code} {labels.Label(TaxonomyKinds.Target, t.Code, t.Text)}"))])).ToList();

        var byName = StringComparer.CurrentCulture;
        var verticals = (await db.Verticals.AsNoTracking().Select(v => new Choice(v.Slug, v.Name)).ToListAsync(cancellationToken))
            .Select(v => v with { Label = labels.Label(TaxonomyKinds.Vertical, v.Key, v.Label) }).OrderBy(v => v.Label, byName).ToList();

        var regions = (await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Region).ToListAsync(cancellationToken))
            .ToDictionary(r => r.Code, r => labels.Label(TaxonomyKinds.Region, r.Code, r.Name));
        var countries = (await db.Countries.AsNoTracking().Select(c => new { c.Iso2, c.Name, c.RegionCode }).ToListAsync(cancellationToken))
            .Select(c => new { c.Iso2, Name = labels.Label(TaxonomyKinds.Country, c.Iso2, c.Name), c.RegionCode })
            .OrderBy(c => c.Name, byName)
            .GroupBy(c => c.RegionCode is { } code && regions.TryGetValue(code, out var name) ? (code, name) : ("", text["Other countries and areas"].Value))
            .OrderBy(g => g.Key.Item1.Length == 0).ThenBy(g => g.Key.Item2, byName)
            .Select(g => new ChoiceGroup(g.Key.Item1, g.Key.Item2, [.. g.Select(c => new Choice(c.Iso2, c.Name))]))
            .ToList();

        var standards = (await db.Standards.AsNoTracking().Where(s => !s.Withdrawn).Select(s => new { s.Code, s.Title, s.Publisher }).ToListAsync(cancellationToken))
            .GroupBy(s => SeriesOf(s.Code, s.Publisher))
            .OrderBy(g => g.Key.StartsWith(Standard.ItuTPrefix, StringComparison.Ordinal) ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ChoiceGroup(g.Key, g.Key, [.. g.OrderBy(s => s.Code, StringComparer.Ordinal).Select(s => new Choice(s.Code, $"{s.Code} {s.Title}"))]))
            .ToList();

        var technologies = (await db.Technologies.AsNoTracking().Select(t => new Choice(t.Slug, t.Name)).ToListAsync(cancellationToken))
            .Select(t => t with { Label = labels.Label(TaxonomyKinds.Technology, t.Key, t.Label) }).OrderBy(t => t.Label, byName).ToList();
        var organizations = (await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
            .Select(o => new Choice(o.Id.ToString(), o.Name)).ToList();
        return new TaxonomyChoices(sdgs, verticals, countries, standards, technologies, organizations);
    }

    /// <summary>
    /// The series a standard belongs to: ITU-T Recommendations by their letter (<c>ITU-T Y</c>), the others by publisher.
    /// </summary>
    public static string SeriesOf(string code, string publisher)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.StartsWith(Standard.ItuTPrefix, StringComparison.Ordinal) && code.Length > Standard.ItuTPrefix.Length)
        {
            var number = code[Standard.ItuTPrefix.Length..];
            var letters = new string([.. number.TakeWhile(char.IsLetter)]);
            return Standard.ItuTPrefix + (letters.Length > 0 ? letters : number);
        }

        return string.IsNullOrWhiteSpace(publisher) ? "Other" : publisher;
    }

    /// <summary>
    /// Use cases a best practice may draw on: those the caller may see (the API's context filters them, as it does when
    /// the editor resolves them), by title.
    /// </summary>
    public static async Task<IReadOnlyList<Choice>> UseCasesAsync(Api.ApiDbContext visible, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(visible);
        return (await visible.UseCases.AsNoTracking().OrderBy(u => u.Title).Select(u => new { u.Id, u.Pid, u.Title }).ToListAsync(cancellationToken))
            .Select(u => new Choice(u.Id.ToString(), $"{u.Pid} {u.Title}")).ToList();
    }

    /// <summary>SDG targets in their official order: 6.1 … 6.6 before 6.a, and 6.10 after 6.9.</summary>
    private sealed class TargetOrder : IComparer<string>
    {
        public static readonly TargetOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = (x ?? "").Split('.');
            var b = (y ?? "").Split('.');
            var tail = (a.Length > 1 ? a[1] : "", b.Length > 1 ? b[1] : "");
            var numeric = (int.TryParse(tail.Item1, out var n1), int.TryParse(tail.Item2, out var n2));
            return numeric switch
            {
                (true, true) => n1.CompareTo(n2),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(tail.Item1, tail.Item2),
            };
        }
    }
}
