namespace UseCaseHub.Web.Tests.Browser;

/// <summary>The site works under its Content-Security-Policy: no violation in the console, the suggestion script still runs.</summary>
public sealed class ContentSecurityPolicyInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Home_and_search_run_under_the_policy_without_violations_and_suggestions_still_work()
    {
        var page = await browser.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Add("pageerror: " + error);

        foreach (var address in new[] { "/", "/search?q=water" })
        {
            var response = await page.GotoAsync(address);
            Assert.NotNull(response);
            var headers = await response.AllHeadersAsync();
            Assert.True(headers.TryGetValue("content-security-policy", out var csp), $"no CSP on {address}");
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        }

        // The header box's suggestions come from /api/suggest through the script file.
        await page.Locator("#site-q").PressSequentiallyAsync("wat");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('datalist option').length > 0", null, new() { Timeout = 10_000 });

        Assert.DoesNotContain(console, line => line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || line.StartsWith("pageerror", StringComparison.Ordinal));
    }
}
