using System.Globalization;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using UseCaseHub.Web.Localization;

namespace UseCaseHub.Web.Tests.Site;

/// <summary>Issue 13, item 4: the switcher, <c>hreflang</c> alternates and the canonical link keep page, query and filters.</summary>
public sealed class LanguageLinksTests(HubFactory factory) : IClassFixture<HubFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<IHtmlDocument> GetAsync(string path, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        using var response = await _client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string? Canonical(IHtmlDocument page) => page.QuerySelectorAll("link[rel=canonical]").Single().GetAttribute("href");

    [Theory]
    [InlineData("/fr/search?q=water&sdg=6&sort=newest")]
    [InlineData("/search?q=water&sdg=6&sort=newest")]
    public async Task Both_switchers_keep_the_page_its_query_and_its_filters(string path)
    {
        var page = await GetAsync(path);
        var rest = "/search?q=water&sdg=6&sort=newest";

        foreach (var culture in HubLocalizationOptions.UnLanguages)
        {
            Assert.Equal($"/{culture}{rest}", page.QuerySelector($".language-switcher a[hreflang={culture}]")!.GetAttribute("href"));
            Assert.Equal($"/{culture}{rest}", page.QuerySelector($"footer .languages a[hreflang={culture}]")!.GetAttribute("href"));
        }

        var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]").ToDictionary(l => l.GetAttribute("hreflang")!, l => l.GetAttribute("href"));
        Assert.Equal("http://localhost/ar" + rest, alternates["ar"]);
        Assert.Equal("http://localhost" + rest, alternates["en"]);
        Assert.Equal("http://localhost" + rest, alternates["x-default"]);
        Assert.Equal(7, alternates.Count);
    }

    [Theory]
    [InlineData("/fr/sdg/6", null, "http://localhost/fr/sdg/6")]
    [InlineData("/en/sdg/6", null, "http://localhost/sdg/6")]
    [InlineData("/sdg/6", null, "http://localhost/sdg/6")]
    // Without a prefix the page is in the language the browser asked for: its canonical is that language's address.
    [InlineData("/sdg/6", "ar-EG,ar;q=0.9", "http://localhost/ar/sdg/6")]
    [InlineData("/zh/search?q=water", null, "http://localhost/zh/search?q=water")]
    public async Task Every_page_has_one_canonical_link_for_the_language_it_is_in(string path, string? acceptLanguage, string canonical)
    {
        var page = await GetAsync(path, acceptLanguage);

        Assert.Equal(canonical, Canonical(page));
    }

    [Fact]
    public async Task The_header_switcher_marks_the_current_language_and_writes_each_name_in_its_own_direction()
    {
        var page = await GetAsync("/ar/use-cases");

        var current = page.QuerySelectorAll(".language-switcher a[aria-current=true]").Single();
        Assert.Equal("ar", current.GetAttribute("hreflang"));
        Assert.Equal("rtl", current.GetAttribute("dir"));
        Assert.Equal("ltr", page.QuerySelector(".language-switcher a[hreflang=ru]")!.GetAttribute("dir"));
        Assert.Equal(CultureInfo.GetCultureInfo("ar").NativeName.Split(' ')[0], page.QuerySelector(".language-switcher summary [lang=ar]")!.TextContent);
    }
}
