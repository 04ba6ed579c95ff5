using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Assessments;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Statistics;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Web.Localization;
using UseCaseHub.Web.Search;

namespace UseCaseHub.Web.Insights;

/// <summary>
/// Computes the dashboard in the reader's language. Every entry count comes from the search engine's facets
/// (<see cref="FacetPivot"/>), so a figure equals the total of the search its cell links to; gaps and views come from the
/// store, read under the public rules. Kept in memory per language for <see cref="InsightsOptions.CacheSeconds"/>.
/// </summary>
public sealed class InsightsBuilder(ISearchEngine engine, HubDbContext db, SearchLabels labels, IStringLocalizer<SharedResource> text,
    IMemoryCache cache, IOptions<InsightsOptions> options, TimeProvider clock)
{
    public async Task<InsightsDashboard> GetAsync(CancellationToken cancellationToken)
    {
        var language = TaxonomyLabels.CurrentLanguage;
        var key = ("insights", CultureInfo.CurrentUICulture.Name);
        if (cache.TryGetValue(key, out InsightsDashboard? cached) && cached is not null)
        {
            return cached;
        }

        var dashboard = await BuildAsync(language, cancellationToken);
        if (options.Value.CacheSeconds > 0)
        {
            cache.Set(key, dashboard, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(options.Value.CacheSeconds), Size = 1 });
        }

        return dashboard;
    }

    private async Task<InsightsDashboard> BuildAsync(string language, CancellationToken cancellationToken)
    {
        var label = labels.For(language);
        var regions = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Region).Select(r => r.Code).ToListAsync(cancellationToken);
        regions = [.. regions.OrderBy(r => label(Facets.Region, r), StringComparer.CurrentCulture)];
        var verticals = await db.Verticals.AsNoTracking().Select(v => v.Slug).ToListAsync(cancellationToken);
        verticals = [.. verticals.OrderBy(v => label(Facets.Vertical, v), StringComparer.CurrentCulture)];
        var goals = Enumerable.Range(1, 17).Select(g => g.ToString(CultureInfo.InvariantCulture)).ToList();

        // One search for the totals, one per goal, one per vertical (its regions, goals and standards at once).
        var all = await FacetPivot.CountAsync(engine, new Dictionary<string, IReadOnlyList<string>>(), [Facets.Year, Facets.Stage, Facets.Group, Facets.Type], cancellationToken);
        var byGoal = await FacetPivot.RowsAsync(engine, Facets.Sdg, goals, [Facets.Region], cancellationToken);
        var byVertical = await FacetPivot.RowsAsync(engine, Facets.Vertical, verticals, [Facets.Region, Facets.Sdg, Facets.Standard], cancellationToken);

        string GoalLabel(string goal) => $"{goal} · {label(Facets.Sdg, goal)}";
        var regionColumns = regions.Select(r => label(Facets.Region, r)).ToList();
        var gaps = await GapsAsync(label, cancellationToken);
        var charts = new List<InsightChart>
        {
            Matrix("sdg-region", text["SDG goal by region"], text["SDG goal"], byGoal, Facets.Sdg, GoalLabel, Facets.Region, regions, regionColumns),
            Matrix("vertical-region", text["Vertical by region"], text["Vertical"], byVertical, Facets.Vertical, v => label(Facets.Vertical, v), Facets.Region, regions, regionColumns),
            Matrix("vertical-sdg", text["Vertical by SDG goal"], text["Vertical"], byVertical, Facets.Vertical, v => label(Facets.Vertical, v), Facets.Sdg, goals,
                goals.Select(g => text["SDG {0}", g].Value).ToList()),
            Years(all),
            Stages(all, label),
            Standards(byVertical, label),
            Groups(all, label),
            GapChart(gaps),
            await MostViewedAsync(cancellationToken),
        };
        return new InsightsDashboard(all.Total, charts, gaps, clock.GetUtcNow());
    }

    private InsightChart Matrix(string key, string title, string rowHeading, IReadOnlyDictionary<string, FacetCounts> rows, string rowFacet,
        Func<string, string> rowLabel, string columnFacet, IReadOnlyList<string> columns, List<string> columnLabels)
    {
        var table = rows.Select(row => new InsightRow(row.Key,
        [
            new InsightCell(rowLabel(row.Key)),
            .. columns.Select(column => Count(row.Value.Of(columnFacet, column), SearchLink((rowFacet, row.Key), (columnFacet, column)))),
        ])).ToList();
        var cells = table.SelectMany(r => r.Cells.Skip(1).Select((c, i) => (Row: r, Column: i, c.Count))).ToList();
        var empty = cells.Count(c => c.Count == 0);
        var top = cells.OrderByDescending(c => c.Count).First();
        var summary = top.Count == 0
            ? text["No public entries yet."].Value
            : text["{0} of {1} cells are empty (gaps). The highest count, {2}, is {3} with {4}.",
                CultureFormat.Number(empty), CultureFormat.Number(cells.Count), CultureFormat.Number(top.Count ?? 0), top.Row.Cells[0].Text, columnLabels[top.Column]].Value;
        return new InsightChart(key, InsightKind.Matrix, title, summary, [rowHeading, .. columnLabels], 1, table) { ColumnKeys = columns };
    }

    private InsightChart Years(FacetCounts all)
    {
        var years = all.Facets.GetValueOrDefault(Facets.Year) ?? new Dictionary<string, long>();
        var rows = years.OrderBy(y => y.Key, StringComparer.Ordinal)
            .Select(y => new InsightRow(y.Key, [new InsightCell(y.Key), Count(y.Value, SearchLink((Facets.Year, y.Key)))])).ToList();
        var summary = rows.Count == 0
            ? text["No public entries yet."].Value
            : text["Entries by the year a use case started (or an entry was published), from {0} to {1}; the most, {2}, in {3}.",
                rows[0].Key, rows[^1].Key, CultureFormat.Number(years.Values.Max()), years.OrderByDescending(y => y.Value).ThenBy(y => y.Key, StringComparer.Ordinal).First().Key].Value;
        return new InsightChart("years", InsightKind.Bars, text["Entries per year"], summary, [text["Year"], text["Entries"]], 1, rows);
    }

    private InsightChart Stages(FacetCounts all, Func<string, string, string> label)
    {
        var rows = Enum.GetValues<DeploymentStage>().Select(s => s.ToString().ToLowerInvariant())
            .Select(s => new InsightRow(s, [new InsightCell(label(Facets.Stage, s)), Count(all.Of(Facets.Stage, s), SearchLink((Facets.Stage, s)))])).ToList();
        var top = rows.OrderByDescending(r => r.Cells[1].Count).First();
        var summary = top.Cells[1].Count == 0
            ? text["No public entries yet."].Value
            : text["Use cases by how far they are deployed; the largest number, {0}, is at the stage {1}."
                , CultureFormat.Number(top.Cells[1].Count ?? 0), top.Cells[0].Text].Value;
        return new InsightChart("stages", InsightKind.Bars, text["Use cases per deployment stage"], summary, [text["Deployment stage"], text["Use cases"]], 1, rows);
    }

    private InsightChart Standards(IReadOnlyDictionary<string, FacetCounts> byVertical, Func<string, string, string> label)
    {
        var take = options.Value.StandardsPerVertical;
        var rows = byVertical.SelectMany(v => (v.Value.Facets.GetValueOrDefault(Facets.Standard) ?? new Dictionary<string, long>())
                .Where(s => s.Value > 0).OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(take)
                .Select(s => new InsightRow(v.Key + "|" + s.Key,
                [
                    new InsightCell(label(Facets.Vertical, v.Key)),
                    new InsightCell(s.Key),
                    Count(s.Value, SearchLink((Facets.Vertical, v.Key), (Facets.Standard, s.Key))),
                ])))
            .ToList();
        var summary = rows.Count == 0
            ? text["No public entries yet."].Value
            : text["The standards the entries of each vertical cite most often (at most {0} per vertical; ITU-T Recommendations and others).", CultureFormat.Number(take)].Value;
        return new InsightChart("standards", InsightKind.Bars, text["Most cited standards per vertical"], summary, [text["Vertical"], text["Standard"], text["Entries"]], 2, rows);
    }

    private InsightChart Groups(FacetCounts all, Func<string, string, string> label)
    {
        var rows = GroupCodes.Select(g =>
        {
            var count = all.Of(Facets.Group, g);
            var share = all.Total == 0 ? 0 : (double)count / all.Total;
            return new InsightRow(g, [new InsightCell(label(Facets.Group, g)), Count(count, SearchLink((Facets.Group, g))), new InsightCell(share.ToString("P0", CultureInfo.CurrentCulture))]);
        }).ToList();
        var summary = text["Of {0} public entries, the share with at least one country in each group (an entry can be in several).", CultureFormat.Number(all.Total)].Value;
        return new InsightChart("groups", InsightKind.Bars, text["Entries from LDC, LLDC and SIDS"], summary, [text["Group"], text["Entries"], text["Share"]], 1, rows);
    }

    private InsightChart GapChart(IReadOnlyList<GapNote> gaps)
    {
        var rows = gaps.GroupBy(g => g.Vertical).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.CurrentCulture)
            .Select(g => new InsightRow(g.Key, [new InsightCell(g.Key), Count(g.Count(), "/insights#gaps-" + Anchor(g.Key))])).ToList();
        var summary = rows.Count == 0
            ? text["No standardisation gaps have been published yet."].Value
            : text["{0} standardisation gaps noted by SG20 curators in published assessments, in {1} verticals.",
                CultureFormat.Number(gaps.Select(g => (g.EntryPath, g.Text)).Distinct().Count()), CultureFormat.Number(rows.Count)].Value;
        return new InsightChart("gaps", InsightKind.Bars, text["Standardisation gaps by vertical"], summary, [text["Vertical"], text["Gaps"]], 1, rows);
    }

    /// <summary>A stable anchor for a vertical's list of gaps (its position would change with the counts).</summary>
    public static string Anchor(string vertical) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(vertical)))[..8].ToLowerInvariant();

    /// <summary>
    /// Gaps the public assessment card shows (<see cref="AssessmentVisibility"/> for the public: sealed, of public entries;
    /// the entry itself, not a revision row), listed under each of the entry's verticals. Curators' names are not shown, as on the card.
    /// </summary>
    private async Task<IReadOnlyList<GapNote>> GapsAsync(Func<string, string, string> label, CancellationToken cancellationToken)
    {
        var gaps = await db.StandardisationGaps.AsNoTracking().VisibleTo(SearchAudience.Public).Where(g => g.Entry.RevisionOfId == null)
            .OrderBy(g => g.CreatedAt)
            .Select(g => new
            {
                g.Text,
                Standards = g.Standards.Select(s => s.Code).ToList(),
                g.Entry.Title,
                g.Entry.Language,
                g.Entry.Slug,
                IsUseCase = g.Entry is UseCase,
                Verticals = g.Entry.Verticals.Select(v => v.Slug).ToList(),
            })
            .ToListAsync(cancellationToken);
        return gaps.SelectMany(g => g.Verticals.Select(v => new GapNote(label(Facets.Vertical, v), g.Text, [.. g.Standards.Order(StringComparer.Ordinal)],
                g.Title, g.Language, SearchTypes.PathOf(g.IsUseCase ? SearchTypes.UseCase : SearchTypes.BestPractice, g.Slug))))
            .ToList();
    }

    private async Task<InsightChart> MostViewedAsync(CancellationToken cancellationToken)
    {
        var since = EntryStatistics.QuarterStart(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var viewed = await EntryStatistics.MostViewedAsync(db, since, options.Value.MostViewed, cancellationToken);
        var rows = viewed.Select(v => new InsightRow(v.Pid, [new InsightCell(v.Title), Count(v.Views, SearchTypes.PathOf(SearchTypes.Of(v.Kind), v.Slug))])).ToList();
        var summary = rows.Count == 0
            ? text["No views counted this quarter yet."].Value
            : text["Views of public entry pages since {0}, robots excluded; counts are written every few seconds.", CultureFormat.Date(since.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))].Value;
        return new InsightChart("most-viewed", InsightKind.Bars, text["Most viewed this quarter"], summary, [text["Entry"], text["Views"]], 1, rows);
    }

    /// <summary>The country groups of the share chart, in the UN's order.</summary>
    private static readonly string[] GroupCodes = ["LDC", "LLDC", "SIDS"];

    private static InsightCell Count(long count, string link) => new(count.ToString(CultureInfo.InvariantCulture), count, link);

    /// <summary>The search page's address for these filters, with its own parameter names (<see cref="SearchQuery.Parameters"/>).</summary>
    private static string SearchLink(params (string Facet, string Value)[] filters) =>
        "/search?" + string.Join("&", filters.Select(f => f.Facet + "=" + Uri.EscapeDataString(f.Value)));
}
