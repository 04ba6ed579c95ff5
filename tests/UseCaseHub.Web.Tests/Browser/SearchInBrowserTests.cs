namespace UseCaseHub.Web.Tests.Browser;

public sealed class SearchInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_visitor_searches_from_the_header_refines_by_a_facet_and_removes_it_without_javascript()
    {
        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync("/");

        await page.Locator("form.site-search input[name=q]").FillAsync("water");
        await page.Locator("form.site-search button").ClickAsync();
        Assert.Contains("/search?q=water", page.Url, StringComparison.Ordinal);
        var before = await page.Locator(".search-hit").CountAsync();

        await page.Locator(".facet[data-facet=region] a", new() { HasTextString = "Kenya" }).ClickAsync();
        Assert.Contains("country=KE", page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator(".search-hit").CountAsync());

        await page.Locator(".chips a", new() { HasTextString = "Kenya" }).ClickAsync();
        Assert.DoesNotContain("country=KE", page.Url, StringComparison.Ordinal);
        Assert.Equal(before, await page.Locator(".search-hit").CountAsync());
    }
}
