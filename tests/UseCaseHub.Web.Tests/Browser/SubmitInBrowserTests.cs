using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UseCaseHub.Web.Tests.Identity;

namespace UseCaseHub.Web.Tests.Browser;

/// <summary>The browser fixture over a host with the demo accounts, for the pages behind sign-in.</summary>
public sealed class MemberBrowserFixture : BrowserFixture
{
    public MemberBrowserFixture()
        : base(new IdentityHubFactory())
    {
    }

    /// <summary>A new browser context signed in as one of the demo accounts through the real sign-in form.</summary>
    public async Task<IPage> SignedInPageAsync(string email)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(IdentityHubFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        // Longer than Playwright's 30 s default: under the whole suite's load one sign-in took longer than that.
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.OrdinalIgnoreCase), new() { Timeout = 90_000 });
        return page;
    }
}

/// <summary>A member fills in and submits the form in chromium with JavaScript on, using the pickers' filter boxes.</summary>
public sealed class SubmitInBrowserTests(MemberBrowserFixture browser) : IClassFixture<MemberBrowserFixture>
{
    [Fact]
    public async Task A_member_fills_the_form_with_the_filter_boxes_and_submits_it()
    {
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync("member@example.org");
        await page.GetByLabel("Password").FillAsync(IdentityHubFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await page.Locator(".account-links").GetByRole(AriaRole.Link, new() { Name = "Submit", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "A use case" }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Browser-made water kiosks in Kenya");
        await page.GetByLabel("Summary").FillAsync("Solar water kiosks report sales and levels over GSM.");

        // The verticals' filter box (added by submit.js) hides what does not match.
        var verticals = page.Locator("#field-Verticals");
        await verticals.Locator("input.picker-filter").FillAsync("wat");
        Assert.True(await verticals.Locator("li[data-item]:not([hidden])").CountAsync() < await verticals.Locator("li[data-item]").CountAsync());
        await verticals.GetByLabel("Water", new() { Exact = true }).CheckAsync();

        // In the SDG picker a target match opens its goal.
        var sdgs = page.Locator("#field-Sdgs");
        await sdgs.Locator("input.picker-filter").FillAsync("6.1");
        await sdgs.Locator("input[name='Form.Sdgs'][value='6']").CheckAsync();
        await sdgs.Locator("input[name='Form.SdgTargets'][value='6.1']").CheckAsync();

        var countries = page.Locator("#field-Countries");
        await countries.Locator("input.picker-filter").FillAsync("kenya");
        await countries.GetByLabel("Kenya").CheckAsync();

        var form = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for assessment" }).ClickAsync();
        await page.WaitForURLAsync(url => url != form);

        var problems = await page.Locator(".error-summary, .refusal").AllTextContentsAsync();
        Assert.True(Regex.IsMatch(page.Url, "/submit/[0-9a-f-]{36}\\?done=submitted$"), $"{page.Url}: {string.Join(" ", problems)}");
        Assert.Equal("Submitted", await page.Locator(".meta .entry-status").GetAttributeAsync("data-status"));
        Assert.Empty(errors);
    }
}
