using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Assessments;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Insights;

namespace UseCaseHub.Web.Tests.Insights;

/// <summary>The fixture host with the dashboard computed afresh on every request (no cache), so a test's own rows show at once.</summary>
public sealed class InsightsHubFactory : HubFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Insights:CacheSeconds", "0")];
}

public sealed class InsightsTests(InsightsHubFactory factory) : IClassFixture<InsightsHubFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    private static readonly string[] Matrices = ["sdg-region", "vertical-region", "vertical-sdg"];

    [Fact]
    public async Task Every_matrix_cell_equals_the_count_computed_from_the_store()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        // Public entries, each once: translations are rows of their own table, never entries, so they cannot count twice.
        var entries = (await db.Entries.AsNoTracking().Where(e => e.RevisionOfId == null)
                .Include(e => e.Sdgs).Include(e => e.Countries).Include(e => e.Verticals).ToListAsync())
            .Where(e => e.Status is EntryStatus.Published or EntryStatus.Retired).ToList();
        var tags = new Dictionary<string, Func<Entry, IEnumerable<string>>>
        {
            ["sdg"] = e => e.Sdgs.Select(g => g.Number.ToString(CultureInfo.InvariantCulture)),
            ["region"] = e => e.Countries.Where(c => c.RegionCode is not null).Select(c => c.RegionCode!),
            ["vertical"] = e => e.Verticals.Select(v => v.Slug),
        };
        var nonZero = 0;
        foreach (var chart in Matrices)
        {
            var (rowFacet, columnFacet) = chart switch { "sdg-region" => ("sdg", "region"), "vertical-region" => ("vertical", "region"), _ => ("vertical", "sdg") };
            using var json = await GetJsonAsync($"/api/insights/{chart}");
            var columns = json.RootElement.GetProperty("columnKeys").EnumerateArray().Select(c => c.GetString()!).ToList();
            var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
            Assert.NotEmpty(columns);
            Assert.Equal(chart.StartsWith("sdg", StringComparison.Ordinal) ? 17 : await db.Verticals.CountAsync(), rows.Count);
            foreach (var row in rows)
            {
                var key = row.GetProperty("key").GetString()!;
                var cells = row.GetProperty("cells").EnumerateArray().Skip(1).ToList();
                for (var c = 0; c < columns.Count; c++)
                {
                    var expected = entries.Count(e => tags[rowFacet](e).Contains(key) && tags[columnFacet](e).Contains(columns[c]));
                    Assert.True(expected == cells[c].GetProperty("count").GetInt64(), $"{chart} {key} x {columns[c]}: store {expected}, chart {cells[c].GetProperty("count")}");
                    nonZero += expected > 0 ? 1 : 0;
                }
            }
        }

        Assert.True(nonZero > 10, "the fixture fills some cells");
    }

    [Fact]
    public async Task Every_cell_and_bar_links_to_a_search_whose_total_equals_it()
    {
        var page = await GetPageAsync("/insights");
        var links = page.QuerySelectorAll(".insight-table td a").OfType<IHtmlAnchorElement>()
            .Where(a => a.GetAttribute("href")!.StartsWith("/search?", StringComparison.Ordinal)).ToList();
        Assert.True(links.Count > 17 * 5, $"{links.Count} search links");
        foreach (var link in links)
        {
            var query = link.GetAttribute("href")!["/search?".Length..];
            using var json = await GetJsonAsync($"/api/search?{query}&pageSize=1&facets=type");
            var shown = long.Parse(link.TextContent, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            Assert.True(shown == json.RootElement.GetProperty("total").GetInt64(), $"{query}: cell {shown}, search {json.RootElement.GetProperty("total")}");
        }

        // The picture's links are the table's (for the mouse; the table carries them for keyboards and screen readers).
        foreach (var svg in page.QuerySelectorAll("svg"))
        {
            Assert.Equal("img", svg.GetAttribute("role"));
            Assert.NotNull(svg.QuerySelector("title"));
            Assert.NotNull(svg.QuerySelector("desc"));
            Assert.All(svg.QuerySelectorAll("a"), a => Assert.Equal("-1", a.GetAttribute("tabindex")));
        }

        // No chart script: the page carries only the layout's scripts, as the home page does.
        var home = await GetPageAsync("/");
        Assert.Equal(home.QuerySelectorAll("script").Select(s => s.GetAttribute("src")), page.QuerySelectorAll("script").Select(s => s.GetAttribute("src")));
        Assert.Empty(page.QuerySelectorAll(".insight script"));
    }

    [Fact]
    public async Task Empty_cells_are_marked_as_gaps_in_the_picture_and_the_table()
    {
        var page = await GetPageAsync("/insights");
        foreach (var chart in Matrices)
        {
            var section = page.QuerySelector($"#chart-{chart}")!;
            var zeros = section.QuerySelectorAll("td").Count(td => td.TextContent.Trim() == "0");
            Assert.True(zeros > 0, $"{chart} has gaps in the fixture");
            Assert.Equal(zeros, section.QuerySelectorAll("td.gap").Length);
            // Not colour alone: the gap's rectangle is hatched and outlined with dashes.
            var gaps = section.QuerySelectorAll("svg g.gap rect");
            Assert.Equal(zeros, gaps.Length);
            Assert.All(gaps, r => Assert.StartsWith("url(#", r.GetAttribute("fill"), StringComparison.Ordinal));
            Assert.All(gaps, r => Assert.NotNull(r.GetAttribute("stroke-dasharray")));
        }
    }

    [Fact]
    public async Task Each_chart_csv_equals_its_table_and_the_api_equals_the_csv()
    {
        var page = await GetPageAsync("/insights");
        foreach (var chart in InsightsDashboard.Keys)
        {
            var table = page.QuerySelector($"#chart-{chart} table");
            var csv = await GetCsvAsync($"/insights/{chart}.csv");
            using var json = await GetJsonAsync($"/api/insights/{chart}");
            var api = new List<string[]> { json.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray() };
            api.AddRange(json.RootElement.GetProperty("rows").EnumerateArray()
                .Select(r => r.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("text").GetString()!).ToArray()));
            Assert.Equal(csv, api);
            if (table is null)
            {
                // A chart without data shows no table; its CSV is the heading alone.
                Assert.Single(csv);
                continue;
            }

            var shown = table.QuerySelectorAll("tr").Select(tr => tr.Children.Select(cell => cell.TextContent.Trim()).ToArray()).ToList();
            Assert.Equal(csv, shown);
        }
    }

    [Fact]
    public async Task Labels_follow_the_readers_language()
    {
        using var english = await GetJsonAsync("/api/insights/sdg-region");
        using var french = await GetJsonAsync("/fr/api/insights/sdg-region");
        Assert.Equal("SDG goal by region", english.RootElement.GetProperty("title").GetString());
        Assert.Equal("Objectif de développement durable par région", french.RootElement.GetProperty("title").GetString());
        Assert.NotEqual(Labels(english), Labels(french));
        // The same figures in every language.
        Assert.Equal(Counts(english), Counts(french));

        static string Labels(JsonDocument json) => string.Join("|", json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("cells")[0].GetProperty("text").GetString()));
        static string Counts(JsonDocument json) => string.Join("|", json.RootElement.GetProperty("rows").EnumerateArray()
            .SelectMany(r => r.GetProperty("cells").EnumerateArray().Skip(1).Select(c => c.GetProperty("count").GetInt64())));
    }

    [Fact]
    public async Task Unknown_charts_are_not_found()
    {
        using var api = await _client.GetAsync(new Uri("/api/insights/secrets", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        using var csv = await _client.GetAsync(new Uri("/insights/secrets.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, csv.StatusCode);
        using var list = await GetJsonAsync("/api/insights");
        Assert.Equal(InsightsDashboard.Keys, list.RootElement.EnumerateArray().Select(c => c.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task Gaps_show_only_what_the_public_assessment_card_shows()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var published = await db.Entries.Include(e => e.Verticals).FirstAsync(e => e.Slug == "kenya-water");
            var draft = await db.Entries.Include(e => e.Verticals).FirstAsync(e => e.Status == EntryStatus.Draft && e.Verticals.Count > 0);
            var now = DateTimeOffset.UtcNow;
            db.StandardisationGaps.AddRange(
                new StandardisationGap { Id = Guid.NewGuid(), EntryId = published.Id, Text = "Sealed gap: no meter data model", CuratorId = "c", CuratorName = "Curator Secret", CreatedAt = now, SealedAt = now },
                new StandardisationGap { Id = Guid.NewGuid(), EntryId = published.Id, Text = "Open round gap", CuratorId = "c", CuratorName = "Curator Secret", CreatedAt = now },
                new StandardisationGap { Id = Guid.NewGuid(), EntryId = draft.Id, Text = "Draft gap", CuratorId = "c", CuratorName = "Curator Secret", CreatedAt = now, SealedAt = now });
            await db.SaveChangesAsync();
        }

        var page = await GetPageAsync("/insights");
        var text = page.QuerySelector("#chart-gaps")!.TextContent + string.Concat(page.QuerySelectorAll(".insight-gaps").Select(s => s.TextContent));
        Assert.Contains("Sealed gap: no meter data model", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Open round gap", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Draft gap", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Curator Secret", page.Body!.TextContent, StringComparison.Ordinal);
        using var json = await GetJsonAsync("/api/insights/gaps");
        Assert.Equal(1, json.RootElement.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("cells")[1].GetProperty("count").GetInt64()));
    }

    private async Task<IHtmlDocument> GetPageAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task<List<string[]>> GetCsvAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var csv = CsvReader.Create(bytes, new CsvReaderOptions { HasHeader = false, Separator = ',' });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Current.ToArray());
        }

        return rows;
    }
}
