using Microsoft.Playwright;

namespace UseCaseHub.Web.Tests.Browser;

public sealed class SiteInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_visitor_browses_from_home_to_an_entry_without_javascript()
    {
        var page = await browser.NewPageAsync(javaScript: false);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Use cases" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Smart water metering in Kenya" }).ClickAsync();

        Assert.EndsWith("/use-cases/kenya-water", page.Url, StringComparison.Ordinal);
        Assert.Equal("Smart water metering in Kenya", await page.Locator("h1").TextContentAsync());
        Assert.Contains("UC-2026-00001", await page.Locator(".cite").TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stylesheet_loads_and_applies()
    {
        var page = await browser.NewPageAsync();
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add(response.Url);
            }
        };
        await page.GotoAsync("/");

        // The header is a flex row only when site.css has arrived and been parsed.
        Assert.Equal("flex", await page.EvalOnSelectorAsync<string>(".site-header", "e => getComputedStyle(e).display"));
        Assert.Empty(failed);
    }

    [Fact]
    public async Task The_language_switcher_keeps_the_page_and_arabic_runs_right_to_left()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/use-cases/kenya-water");

        await page.Locator("footer .languages").GetByRole(AriaRole.Link, new() { Name = "العربية" }).ClickAsync();

        Assert.EndsWith("/ar/use-cases/kenya-water", page.Url, StringComparison.Ordinal);
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        var brand = await page.Locator(".brand").BoundingBoxAsync();
        var nav = await page.Locator(".site-header nav").BoundingBoxAsync();
        Assert.True(brand!.X > nav!.X, $"in right-to-left the brand ({brand.X}) stands right of the navigation ({nav.X})");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/use-cases")]
    [InlineData("/use-cases/kenya-water")]
    [InlineData("/use-cases/maroc-eclairage")]
    [InlineData("/sdg")]
    [InlineData("/sdg/6")]
    [InlineData("/search?q=water&sdg=6")]
    [InlineData("/search?sdg=6&region=002&type=use-case")]
    [InlineData("/api")]
    [InlineData("/insights")]
    [InlineData("/ar/")]
    [InlineData("/zh/")]
    [InlineData("/ar/search?q=water&sdg=6")]
    [InlineData("/zh/search?sdg=6&region=009")]
    [InlineData("/ar/regions/002")]
    [InlineData("/no-such-page")]
    [InlineData("/account/login")]
    [InlineData("/account/register")]
    public async Task Pages_have_no_serious_accessibility_violations(string path)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(path);

        await Axe.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task The_layout_fits_a_phone_screen_without_sideways_scrolling()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress, ViewportSize = new() { Width = 360, Height = 740 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/use-cases/kenya-water");

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");

        Assert.True(overflow <= 0, $"page is {overflow}px wider than the screen");
    }
}
