using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Site;

/// <summary>
/// Taxonomy labels in the reader's language on every door: search facets and chips, the search API, taxonomy pages,
/// entry pages, the home page. Expected names are read from the official source files, not typed here.
/// </summary>
public sealed class TaxonomyLabelPagesTests(HubFactory factory) : IClassFixture<HubFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static string Goal(string goal, string language) => ReferenceData.Clean(
        ReferenceData.Csv("i18n/sdg_goals_6lang.csv").Single(r => r["goal"] == goal && r["lang"] == language)["short_title"]);

    private static string Country(string iso2, string language) => ReferenceData.Clean(
        ReferenceData.Csv(ReferenceData.UnsdFile(language)).Single(r => r["ISO-alpha2 Code"] == iso2)["Country or Area"]);

    private static string Region(string code, string language) => ReferenceData.Clean(
        ReferenceData.Csv("i18n/m49_regions_6lang.csv").Single(r => r["m49_code"] == code && r["lang"] == language)["name"]);

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure?.Invoke(request);
        using var response = await _client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        return new HtmlParser().ParseDocument(html);
    }

    private async Task<JsonElement> JsonAsync(string path, Action<HttpRequestMessage>? configure = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure?.Invoke(request);
        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string FacetLabel(JsonElement json, string facet, string value) =>
        json.GetProperty("facets").GetProperty(facet).EnumerateArray().Single(v => v.GetProperty("value").GetString() == value).GetProperty("label").GetString()!;

    [Fact]
    public async Task French_search_page_shows_facets_and_chips_in_French()
    {
        var page = await PageAsync("/fr/search?sdg=6&country=KE&region=002");
        var unfiltered = (await PageAsync("/fr/search")).Body!.TextContent;
        var text = page.Body!.TextContent;

        Assert.Contains(Goal("6", "fr"), text, StringComparison.Ordinal);
        Assert.Contains(Region("002", "fr"), text, StringComparison.Ordinal);
        // The water vertical, in its own facet (the goal's title also has the word "Eau").
        var verticals = page.QuerySelector(".facet[data-facet=vertical]")!.TextContent;
        Assert.Contains("Eau", verticals, StringComparison.Ordinal);
        Assert.DoesNotContain("Water", verticals, StringComparison.Ordinal);
        Assert.DoesNotContain(Goal("6", "en"), text, StringComparison.Ordinal);
        Assert.DoesNotContain("Least developed countries", text, StringComparison.Ordinal);
        Assert.Contains(Goal("13", "fr"), unfiltered, StringComparison.Ordinal); // every goal is listed when none is chosen
    }

    [Theory]
    [InlineData("/api/search?lang=es", "es")]
    [InlineData("/fr/api/search", "fr")]
    [InlineData("/api/search?lang=zh-Hans", "zh")]
    [InlineData("/api/search", "en")]
    public async Task Search_api_labels_facets_in_the_requested_language(string path, string language)
    {
        var json = await JsonAsync(path);

        Assert.Equal(Goal("6", language), FacetLabel(json, "sdg", "6"));
        Assert.Equal(Region("002", language), FacetLabel(json, "region", "002"));
    }

    [Fact]
    public async Task Search_api_follows_accept_language_and_lang_wins_over_it()
    {
        var russian = await JsonAsync("/api/search", r => r.Headers.AcceptLanguage.ParseAdd("ru"));
        var spanish = await JsonAsync("/api/search?lang=es", r => r.Headers.AcceptLanguage.ParseAdd("ru"));

        Assert.Equal(Goal("6", "ru"), FacetLabel(russian, "sdg", "6"));
        Assert.Equal(Goal("6", "es"), FacetLabel(spanish, "sdg", "6"));
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("")]
    [InlineData("de")]
    public async Task Search_api_refuses_a_language_it_does_not_serve(string lang)
    {
        var problem = await JsonAsync("/api/search?lang=" + lang, expected: HttpStatusCode.BadRequest);

        Assert.Equal("lang", problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Arabic_goal_page_has_the_Arabic_title()
    {
        var page = await PageAsync("/ar/sdg/6");

        Assert.Equal(Goal("6", "ar"), page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Chinese_country_page_has_the_Chinese_name_and_English_the_UN_name()
    {
        var chinese = await PageAsync("/zh/countries/CI");
        var english = await PageAsync("/countries/CI");

        Assert.Equal(Country("CI", "zh"), chinese.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Côte d’Ivoire", english.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Taxonomy_lists_home_and_entry_pages_use_the_readers_language()
    {
        var regions = (await PageAsync("/ru/regions")).Body!.TextContent;
        var region = (await PageAsync("/es/regions/002")).QuerySelector("h1")!.TextContent.Trim();
        var home = (await PageAsync("/ar/")).Body!.TextContent;
        var entry = (await PageAsync("/fr/use-cases/kenya-water")).Body!.TextContent;
        var sdgs = (await PageAsync("/zh/sdg")).Body!.TextContent;

        Assert.Contains(Region("002", "ru"), regions, StringComparison.Ordinal);
        Assert.Equal(Region("002", "es"), region);
        Assert.Contains(Goal("6", "ar"), home, StringComparison.Ordinal);
        Assert.Contains(Goal("6", "fr"), entry, StringComparison.Ordinal);
        Assert.Contains(Goal("6", "zh"), sdgs, StringComparison.Ordinal);
    }
}
