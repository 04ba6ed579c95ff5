using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
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
    [InlineData("/sdg/6")]
    [InlineData("/search?q=water&sdg=6")]
    [InlineData("/ar/regions/002")]
    [InlineData("/no-such-page")]
    [InlineData("/account/login")]
    [InlineData("/account/register")]
    public async Task Pages_have_no_serious_accessibility_violations(string path)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(path);

        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()).Take(3))})").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
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
