using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Tests.Browser;

/// <summary>
/// WCAG 2.1 AA beyond the public pages: the pages behind sign-in (axe), search and sign-in with the keyboard only,
/// the skip link, visible focus, and forms that announce their errors.
/// </summary>
public sealed class AccessibilityInBrowserTests(MemberBrowserFixture browser) : IClassFixture<MemberBrowserFixture>
{
    [Theory]
    [InlineData("member@example.org", "/submit")]
    [InlineData("member@example.org", "/submit?kind=use-case")]
    [InlineData("member@example.org", "/submit?kind=best-practice")]
    [InlineData("member@example.org", "/my-entries")]
    [InlineData("member@example.org", "/inbox")]
    [InlineData("curator@example.org", "/curate")]
    [InlineData("curator@example.org", "/curate/entries/{kenya}")]
    [InlineData("curator@example.org", "/curate/audit")]
    [InlineData("curator@example.org", "/inbox")]
    public async Task Signed_in_pages_have_no_serious_accessibility_violations(string email, string path)
    {
        var page = await browser.SignedInPageAsync(email);
        var response = await page.GotoAsync(path.Replace("{kenya}", (await KenyaIdAsync()).ToString(), StringComparison.Ordinal));
        Assert.True(response!.Ok, $"{path}: {response.Status}");

        await Axe.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task The_submission_form_announces_its_errors_and_marks_the_fields()
    {
        var page = await browser.SignedInPageAsync("member@example.org");
        await page.GotoAsync("/submit?kind=use-case");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Half-written kiosks");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for assessment" }).ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();

        Assert.Equal("alert", await page.Locator(".error-summary").GetAttributeAsync("role"));
        Assert.True(await page.EvaluateAsync<bool>("document.activeElement.classList.contains('error-summary')"), "the focus starts at the list of errors");
        var summary = page.Locator("#field-Summary");
        Assert.Equal("true", await summary.GetAttributeAsync("aria-invalid"));
        var describedBy = await summary.GetAttributeAsync("aria-describedby") ?? "";
        Assert.Contains("err-Summary", describedBy, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("#err-Summary").TextContentAsync()));
        await Axe.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Sign_in_works_with_the_keyboard_alone_and_announces_a_failure()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");

        await TabToAsync(page, "#Email");
        await AssertFocusIsVisibleAsync(page);
        await page.Keyboard.TypeAsync("member@example.org");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Password", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("not the password");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#form-errors").WaitForAsync();

        Assert.Equal("alert", await page.Locator("#form-errors").GetAttributeAsync("role"));
        Assert.Equal("form-errors", await page.EvaluateAsync<string>("document.activeElement.id"));
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("#form-errors").TextContentAsync()));
        await Axe.AssertNoSeriousViolationsAsync(page);

        await TabToAsync(page, "#Password");
        await page.Keyboard.TypeAsync(Identity.IdentityHubFactory.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(1, await page.Locator(".account-links").GetByRole(AriaRole.Link, new() { Name = "Submit", Exact = true }).CountAsync());
    }

    [Fact]
    public async Task Search_works_with_the_keyboard_alone_from_the_skip_link_to_an_entry()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        // The first stop is the skip link, visible when focused, and it leads into the main content.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("document.activeElement.classList.contains('skip')"), "the first Tab reaches the skip link");
        var skip = await page.Locator(".skip").BoundingBoxAsync();
        Assert.True(skip is { X: >= 0, Y: >= 0, Width: > 0 }, "the focused skip link is on screen");
        await AssertFocusIsVisibleAsync(page);

        await TabToAsync(page, "#site-q");
        await AssertFocusIsVisibleAsync(page);
        await page.Keyboard.TypeAsync("water");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/search?q=water*");

        await TabToAsync(page, ".facets a[href*='sdg=']");
        await AssertFocusIsVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("sdg=", StringComparison.Ordinal));

        await TabToAsync(page, ".search-hit h2 a, .search-hit h3 a");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/use-cases/", StringComparison.Ordinal) || url.Contains("/best-practices/", StringComparison.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("h1").TextContentAsync()));
    }

    /// <summary>Presses Tab until the focused element matches the selector, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var press = 0; press < 200; press++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement !== null && document.activeElement.matches(s)", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {selector} on {page.Url}");
    }

    /// <summary>The focused element shows an outline at least 2 px wide (not the browser's hidden default).</summary>
    private static async Task AssertFocusIsVisibleAsync(IPage page)
    {
        var outline = await page.EvaluateAsync<string>(
            "(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; })()");
        var parts = outline.Split(' ');
        Assert.True(parts[0] != "none" && double.Parse(parts[1].Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 2,
            $"focus outline is '{outline}' on {await page.EvaluateAsync<string>("document.activeElement.outerHTML.slice(0, 120)")}");
    }

    private async Task<Guid> KenyaIdAsync()
    {
        using var scope = browser.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.Entries.Where(e => e.Slug == "kenya-water").Select(e => e.Id).SingleAsync();
    }
}
