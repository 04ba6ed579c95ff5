using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace UseCaseHub.Web.Tests.Search;

/// <summary>The <c>/search</c> page over HTTP: it must work as plain links and forms, without JavaScript.</summary>
public sealed class SearchPageTests(HubFactory factory) : IClassFixture<HubFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    private async Task<IHtmlDocument> GetPageAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Results_show_highlighted_snippets_and_the_count()
    {
        var page = await GetPageAsync("/search?q=reef");

        Assert.Contains("1 results", page.QuerySelector(".result-count")!.TextContent, StringComparison.Ordinal);
        var hit = page.QuerySelector(".search-hit")!;
        Assert.Equal("/use-cases/fiji-reef", hit.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.Equal("reef", hit.QuerySelector(".snippet mark")!.TextContent, ignoreCase: true);
    }

    [Fact]
    public async Task Facet_links_toggle_one_value_and_keep_the_rest_of_the_search()
    {
        var page = await GetPageAsync("/search?q=water");
        var kenya = page.QuerySelectorAll(".facet[data-facet=region] a").Single(a => a.TextContent.StartsWith("Kenya", StringComparison.Ordinal));
        Assert.Equal("/search?q=water&country=KE", kenya.GetAttribute("href"));

        var filtered = await GetPageAsync(kenya.GetAttribute("href")!);
        var selected = filtered.QuerySelectorAll(".facet a[aria-current=true]").Single();
        Assert.StartsWith("Kenya", selected.TextContent, StringComparison.Ordinal);
        Assert.Equal("/search?q=water", selected.GetAttribute("href"));
        Assert.Contains("1 results", filtered.QuerySelector(".result-count")!.TextContent, StringComparison.Ordinal);
        // The SDG facet still counts within Kenya; sub-regions nest under regions.
        Assert.NotNull(filtered.QuerySelector(".facet[data-facet=region] li li li a[aria-current=true]"));
    }

    [Theory]
    [InlineData("/search", "/search?country=KE")]
    [InlineData("/search?page=2&q=water%20%26%20sanitation", "/search?q=water%20%26%20sanitation&country=KE")]
    [InlineData("/fr/search?q=eau&sort=newest&page=3", "/fr/search?q=eau&sort=newest&country=KE")]
    [InlineData("/search?sdg=6&sdg=14", "/search?sdg=6&sdg=14&country=KE")]
    public async Task A_facet_link_that_switches_a_value_on_keeps_the_query_in_its_order_escaped_and_drops_the_page(string asked, string kenyaLink)
    {
        var page = await GetPageAsync(asked);

        Assert.Contains(page.QuerySelectorAll(".facet[data-facet=region] a"), a => a.GetAttribute("href") == kenyaLink);
    }

    [Fact]
    public async Task Active_filters_are_chips_with_a_link_that_removes_each()
    {
        var page = await GetPageAsync("/search?sdg=6&country=KE&page=1");
        var chips = page.QuerySelectorAll(".chips a").ToList();

        Assert.Contains(chips, a => a.TextContent.Contains("Clean water and sanitation", StringComparison.Ordinal) && a.GetAttribute("href") == "/search?country=KE");
        Assert.Contains(chips, a => a.TextContent.Contains("Kenya", StringComparison.Ordinal) && a.GetAttribute("href") == "/search?sdg=6");
        Assert.Contains(chips, a => a.ClassName == "clear" && a.GetAttribute("href") == "/search?");
    }

    [Fact]
    public async Task A_confident_correction_is_searched_and_said()
    {
        var page = await GetPageAsync("/search?q=mettering");

        Assert.Contains("metering", page.QuerySelector(".corrected-query")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll(".search-hit"));
    }

    [Fact]
    public async Task Zero_results_offer_help()
    {
        // Nothing near it in the index: no correction, the zero-results help. (A doubtful correction being offered rather
        // than searched is in the engine contract suite.)
        var page = await GetPageAsync("/search?q=qqzzxxvv");

        Assert.Contains("0 results", page.QuerySelector(".result-count")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".corrected-query"));
        Assert.NotNull(page.QuerySelector(".zero-results a[href='/use-cases']"));
    }

    [Fact]
    public async Task Pages_link_to_each_other_keeping_the_filters()
    {
        var page = await GetPageAsync("/search?type=use-case");

        Assert.Equal("/search?type=use-case&page=2", page.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        var second = await GetPageAsync("/search?type=use-case&page=2");
        Assert.Equal(6, second.QuerySelectorAll(".search-hit").Length);
    }

    [Fact]
    public async Task Every_page_has_a_search_box_and_markup_in_titles_is_escaped()
    {
        var home = await GetPageAsync("/");
        var form = home.QuerySelector("form.site-search")!;
        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name=q][data-suggest='/api/suggest']"));
        var script = home.QuerySelector("script[src*='suggest.js']")!.GetAttribute("src")!;
        using var served = await _client.GetAsync(new Uri(script, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        // "owned" occurs only inside the fixture's <script> element, so the snippet comes from that text.
        var hostile = await GetPageAsync("/search?q=owned");
        var hit = Assert.Single(hostile.QuerySelectorAll(".search-hit"));
        Assert.Empty(hit.QuerySelectorAll("script"));
        Assert.Contains("<script>", hit.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_pages_show_similar_entries_and_taxonomy_pages_link_to_a_filtered_search()
    {
        var detail = await GetPageAsync("/use-cases/kenya-water");
        var sdg = await GetPageAsync("/sdg/6");

        Assert.NotEmpty(detail.QuerySelectorAll(".similar li a"));
        Assert.DoesNotContain(detail.QuerySelectorAll(".similar a"), a => a.GetAttribute("href") == "/use-cases/kenya-water");
        Assert.Equal("/search?sdg=6", sdg.QuerySelector(".search-within a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Links_echo_only_the_search_parameters_not_unknown_ones()
    {
        var page = await GetPageAsync("/search?q=water&utm_source=evil&X-Injected=" + new string('x', 2000) + "&Sort=title&country=KE");

        var links = page.QuerySelectorAll(".facets a, .chips a, .sorts a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, href => Assert.DoesNotContain("utm_source", href, StringComparison.OrdinalIgnoreCase));
        Assert.All(links, href => Assert.DoesNotContain("Injected", href, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(links, href => href.Contains("q=water", StringComparison.Ordinal) && href.Contains("country=KE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("101")]
    [InlineData("1000")]
    [InlineData("99999999999999999999")]
    public async Task A_facet_limit_over_the_maximum_is_served_at_the_maximum(string facetLimit)
    {
        var page = await GetPageAsync("/search?facetChildren=true&facetLimit=" + facetLimit);

        Assert.All(page.QuerySelectorAll(".facet ul"), list => Assert.True(list.Children.Length <= 100));
        Assert.NotEmpty(page.QuerySelectorAll(".facet a"));
    }

    [Fact]
    public async Task Bad_parameters_are_a_bad_request_page()
    {
        await GetPageAsync("/search?sdg=99", HttpStatusCode.BadRequest);
    }
}
