using System.Net;
using AngleSharp.Html.Parser;

namespace UseCaseHub.Web.Tests.Site;

public sealed class LocalizationTests(HubFactory factory) : IClassFixture<HubFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<(string Lang, string Dir, string Body)> GetAsync(string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure?.Invoke(request);
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var root = new HtmlParser().ParseDocument(html).DocumentElement;
        return (root.GetAttribute("lang")!, root.GetAttribute("dir")!, html);
    }

    [Theory]
    [InlineData("/", "en", "ltr")]
    [InlineData("/en/", "en", "ltr")]
    [InlineData("/fr/", "fr", "ltr")]
    [InlineData("/ar/use-cases", "ar", "rtl")]
    [InlineData("/zh/sdg/6", "zh", "ltr")]
    [InlineData("/ru/regions", "ru", "ltr")]
    [InlineData("/es/use-cases/kenya-water", "es", "ltr")]
    public async Task The_url_prefix_chooses_the_culture_and_the_page_direction(string path, string lang, string dir)
    {
        var (actualLang, actualDir, _) = await GetAsync(path);

        Assert.Equal((lang, dir), (actualLang, actualDir));
    }

    [Fact]
    public async Task Links_keep_the_language_prefix()
    {
        var (_, _, html) = await GetAsync("/fr/use-cases");

        Assert.Contains("href=\"/fr/use-cases/", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/fr/sdg\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_prefix_the_cookie_then_accept_language_choose()
    {
        var byHeader = await GetAsync("/", r => r.Headers.AcceptLanguage.ParseAdd("ar-EG,ar;q=0.9"));
        var byCookie = await GetAsync("/", r =>
        {
            r.Headers.AcceptLanguage.ParseAdd("ar");
            r.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dru%7Cuic%3Dru");
        });
        var byPrefix = await GetAsync("/es/", r => r.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dru%7Cuic%3Dru"));

        Assert.StartsWith("ar", byHeader.Lang, StringComparison.Ordinal);
        Assert.Equal("ru", byCookie.Lang);
        Assert.Equal("es", byPrefix.Lang);
    }

    [Fact]
    public async Task Every_page_offers_each_un_language()
    {
        var (_, _, html) = await GetAsync("/sdg");

        var links = new HtmlParser().ParseDocument(html).QuerySelectorAll("link[rel=alternate][hreflang]")
            .Select(l => (l.GetAttribute("hreflang"), l.GetAttribute("href")));

        // Absolute, and English (the default) at its unprefixed address; see LanguageLinksTests.
        Assert.Equal(new[] { "en", "fr", "es", "ar", "ru", "zh" }.Select(c => ((string?)c, (string?)(c == "en" ? "http://localhost/sdg" : $"http://localhost/{c}/sdg")))
            .Append(("x-default", "http://localhost/sdg")), links);
    }

    [Fact]
    public async Task Non_latin_text_is_written_as_characters_not_entities()
    {
        var (_, _, html) = await GetAsync("/use-cases/maroc-eclairage");

        Assert.Contains("Éclairage public intelligent au Maroc", html, StringComparison.Ordinal);
    }
}
