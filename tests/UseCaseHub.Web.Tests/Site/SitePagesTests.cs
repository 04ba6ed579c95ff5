using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace UseCaseHub.Web.Tests.Site;

public sealed class SitePagesTests(HubFactory factory) : IClassFixture<HubFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    private async Task<IHtmlDocument> GetPageAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Home_shows_counts_by_sdg_vertical_and_region_and_the_latest_entries()
    {
        var page = await GetPageAsync("/");

        Assert.Contains("26 use cases", page.QuerySelector(".totals")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 best practices", page.QuerySelector(".totals")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(17, page.QuerySelectorAll(".sdg-grid li").Length);
        var sdg6 = page.QuerySelector("a[href='/sdg/6']")!;
        Assert.Contains("(2)", sdg6.QuerySelector(".count")!.TextContent.Replace(" ", "", StringComparison.Ordinal) is var c ? $"({c})" : "", StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/verticals/water']"));
        Assert.NotNull(page.QuerySelector("a[href='/regions/africa']"));
        Assert.Equal(6, page.QuerySelectorAll(".entries .entry-card").Length);
    }

    [Fact]
    public async Task Use_case_list_is_paged_and_hides_drafts()
    {
        var first = await GetPageAsync("/use-cases");
        var second = await GetPageAsync("/use-cases?page=2");
        var beyond = await GetPageAsync("/use-cases?page=99");

        Assert.Equal(20, first.QuerySelectorAll(".entry-card").Length);
        Assert.Equal(6, second.QuerySelectorAll(".entry-card").Length);
        Assert.Equal(6, beyond.QuerySelectorAll(".entry-card").Length);
        Assert.NotNull(first.QuerySelector("a[rel=next][href='?page=2']"));
        Assert.DoesNotContain("A draft nobody may see", first.Body!.TextContent + second.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Use_case_detail_renders_tags_as_links_standpoints_and_its_citation()
    {
        var page = await GetPageAsync("/use-cases/kenya-water");

        Assert.Equal("Smart water metering in Kenya", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/countries/KE']"));
        Assert.NotNull(page.QuerySelector("a[href='/sdg/6']"));
        Assert.NotNull(page.QuerySelector("a[href='/verticals/water']"));
        Assert.Equal(["interoperability", "data-and-identifiers", "security-and-trust", "lessons-learned"],
            page.QuerySelectorAll("section.standpoint").Select(s => s.Id));
        Assert.Equal("results", page.QuerySelector(".body h2")!.Id);
        var citation = page.QuerySelector(".cite")!.TextContent;
        Assert.Contains("UC-2026-00001", citation, StringComparison.Ordinal);
        Assert.Contains("/id/UC-2026-00001", citation, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/best-practices/choosing-lpwan']"));
    }

    [Fact]
    public async Task Hostile_markdown_in_an_entry_never_reaches_the_page_as_markup()
    {
        var page = await GetPageAsync("/use-cases/hostile-markdown");

        var body = page.QuerySelector(".body")!;
        Assert.Empty(body.QuerySelectorAll("script, img[onerror]"));
        Assert.DoesNotContain(body.QuerySelectorAll("a"), a => a.GetAttribute("href")?.StartsWith("javascript", StringComparison.OrdinalIgnoreCase) ?? false);
        Assert.Contains("<script>alert(\"owned\")</script>", body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Best_practice_detail_lists_only_published_use_cases_it_draws_on()
    {
        var page = await GetPageAsync("/best-practices/choosing-lpwan");

        Assert.NotNull(page.QuerySelector("a[href='/use-cases/kenya-water']"));
        Assert.Null(page.QuerySelector("a[href='/use-cases/draft-entry']"));
    }

    [Theory]
    [InlineData("/sdg/14", "Life below water", "fiji-reef")]
    [InlineData("/verticals/energy", "Energy", "maroc-eclairage")]
    [InlineData("/countries/FJ", "Fiji", "fiji-reef")]
    [InlineData("/countries/fj", "Fiji", "fiji-reef")]
    [InlineData("/regions/002", "Africa", "kenya-water")]
    [InlineData("/regions/014", "Eastern Africa", "kenya-water")]
    [InlineData("/regions/arab-states", "Arab States", "maroc-eclairage")]
    [InlineData("/regions/009", "Oceania", "fiji-reef")]
    public async Task Taxonomy_pages_list_their_entries(string path, string heading, string slug)
    {
        var page = await GetPageAsync(path);

        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector($".entries a[href$='/{slug}']"));
    }

    [Fact]
    public async Task Region_page_shows_sub_regions_and_countries_with_counts()
    {
        var page = await GetPageAsync("/regions/002");

        Assert.NotNull(page.QuerySelector("a[href='/regions/202']"));
        Assert.NotNull(page.QuerySelector("a[href='/countries/KE']"));
        Assert.Null(page.QuerySelector("a[href='/countries/FJ']"));
    }

    [Theory]
    [InlineData("/sdg")]
    [InlineData("/verticals")]
    [InlineData("/regions")]
    [InlineData("/countries")]
    public async Task Taxonomy_index_pages_answer(string path) => Assert.NotNull((await GetPageAsync(path)).QuerySelector("main h1"));

    [Fact]
    public async Task Content_pages_are_served_in_the_visitors_language_or_english()
    {
        Assert.Equal("About UseCaseHub", (await GetPageAsync("/about")).QuerySelector("main h1")!.TextContent);
        Assert.Equal("À propos de UseCaseHub", (await GetPageAsync("/fr/about")).QuerySelector("main h1")!.TextContent);
        Assert.Equal("About UseCaseHub", (await GetPageAsync("/es/about")).QuerySelector("main h1")!.TextContent);
    }

    [Theory]
    [InlineData("/id/UC-2026-00001", "/use-cases/kenya-water")]
    [InlineData("/id/uc-2026-00001", "/use-cases/kenya-water")]
    [InlineData("/fr/id/BP-2026-00001", "/fr/best-practices/choosing-lpwan")]
    public async Task Persistent_identifiers_resolve_to_the_entry(string path, string location)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_uuid_resolves_like_the_pid()
    {
        var uuid = new Guid("00000000-0000-0000-0000-000000000000");
        using (var missing = await _client.GetAsync(new Uri($"/id/{uuid}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var page = await GetPageAsync("/use-cases/kenya-water");
        var pid = page.QuerySelector(".facts dd a")!.TextContent;
        Assert.Equal("UC-2026-00001", pid);
    }

    [Theory]
    [InlineData("/use-cases/no-such-entry")]
    [InlineData("/use-cases/draft-entry")]
    [InlineData("/sdg/18")]
    [InlineData("/verticals/teleportation")]
    [InlineData("/countries/XX")]
    [InlineData("/regions/999")]
    [InlineData("/no-such-page")]
    [InlineData("/id/UC-2026-00005")]
    [InlineData("/fr/nothing/here")]
    public async Task Missing_things_get_a_friendly_404_page(string path)
    {
        var page = await GetPageAsync(path, HttpStatusCode.NotFound);

        // The French address gets the French page (it said the English words while fr had no translations).
        var expected = path.StartsWith("/fr/", StringComparison.Ordinal) ? InterfaceLanguageTests.Strings("fr")["Page not found"] : "Page not found";
        Assert.Equal(expected, page.QuerySelector("main h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("main a[href$='/use-cases']"));
    }

    [Fact]
    public async Task Api_paths_answer_errors_as_problem_details()
    {
        using var response = await _client.GetAsync(new Uri("/api/nothing-here", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":404", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_200_when_the_store_is_reachable()
    {
        using var response = await _client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Responses_are_compressed_when_the_client_accepts_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/use-cases");
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var response = await _client.SendAsync(request);

        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
    }

    [Theory]
    [InlineData("/css/site.css", "gzip", "UseCaseHub")]
    [InlineData("/css/site.css", "br", "UseCaseHub")]
    [InlineData("/css/site.css", "identity", "UseCaseHub")]
    [InlineData("/use-cases", "gzip", "<html")]
    public async Task Compressed_responses_decompress_to_the_whole_resource(string path, string encoding, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        using var response = await _client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        await using Stream body = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "gzip" => new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress),
            "br" => new System.IO.Compression.BrotliStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress),
            _ => new MemoryStream(bytes),
        };
        using var reader = new StreamReader(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await reader.ReadToEndAsync(), StringComparison.Ordinal);
    }
}
