using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace UseCaseHub.Web.Tests.Search;

/// <summary>
/// Issue 13, items 4 and 5 in the search page's markup: filters behind a "Filters (n)" disclosure, long facets
/// collapsed behind "More", and text of unknown direction isolated. The layout itself is checked in a browser
/// (PhoneAndRtlInBrowserTests).
/// </summary>
public sealed class PhoneSearchPageTests(HubFactory factory) : IClassFixture<HubFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<IHtmlDocument> GetAsync(string path) =>
        new HtmlParser().ParseDocument(await _client.GetStringAsync(new Uri(path, UriKind.Relative)));

    [Theory]
    [InlineData("/search?q=water", "Filters (0)")]
    [InlineData("/search?sdg=6&country=KE", "Filters (2)")]
    [InlineData("/fr/search?sdg=6&sdg=14&country=KE", "Filtres (3)")]
    public async Task The_facets_sit_in_a_disclosure_that_counts_the_selected_filters(string path, string summary)
    {
        var page = await GetAsync(path);

        var details = page.QuerySelectorAll("details.filters").Single();
        Assert.Equal(summary, details.QuerySelector(":scope > summary")!.TextContent.Trim());
        Assert.NotNull(details.QuerySelector("aside.facets .facet"));
        Assert.Null(details.GetAttribute("open"));
    }

    [Fact]
    public async Task A_long_facet_shows_its_most_frequent_values_and_the_rest_behind_more()
    {
        var page = await GetAsync("/search?sdg=16");

        var goals = page.QuerySelector(".facet[data-facet=sdg] > ul")!;
        var shown = goals.Children.Where(li => li.ClassName != "more").ToList();
        var more = goals.QuerySelector(":scope > li.more > details")!;
        var hidden = more.QuerySelectorAll(":scope > ul > li").ToList();
        Assert.NotEmpty(hidden);
        Assert.Equal($"More ({hidden.Count})", more.QuerySelector("summary")!.TextContent.Trim());
        // Goal 2 has the most entries in the fixture; goal 16 is selected: both are in sight.
        Assert.Contains(shown, li => li.QuerySelector("a")!.GetAttribute("href")!.Contains("sdg=2", StringComparison.Ordinal));
        Assert.Contains(shown, li => li.QuerySelector("a[aria-current=true]") is not null);
        Assert.InRange(shown.Count, 6, 7);
    }

    [Fact]
    public async Task Codes_counts_titles_and_snippets_are_isolated_from_the_page_direction()
    {
        var page = await GetAsync("/ar/search?q=water&sdg=6");

        var target = page.QuerySelector(".facet[data-facet=sdg] a[href*='target=6.1']")!;
        Assert.Equal("ltr", target.QuerySelector("bdi")!.GetAttribute("dir"));
        Assert.Equal("6.1", target.QuerySelector("bdi")!.TextContent);
        Assert.Equal("1", target.QuerySelector("bdi.count")!.TextContent);
        Assert.All(page.QuerySelectorAll(".facets a"), a => Assert.NotNull(a.QuerySelector("bdi.count")));
        Assert.All(page.QuerySelectorAll(".chips a:not(.clear)"), a => Assert.NotNull(a.QuerySelector("bdi")));
        Assert.NotNull(page.QuerySelector(".result-count > bdi"));
        Assert.Equal("auto", page.QuerySelector(".result-count .sorts")!.GetAttribute("dir"));
        var hit = page.QuerySelector(".search-hit")!;
        Assert.Equal("auto", hit.QuerySelector("h3")!.GetAttribute("dir"));
        Assert.Equal("auto", hit.QuerySelector(".snippet")!.GetAttribute("dir"));
        Assert.Equal("ltr", hit.QuerySelector(".kind bdi")!.GetAttribute("dir"));
    }
}
