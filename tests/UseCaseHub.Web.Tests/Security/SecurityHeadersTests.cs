using System.Text.RegularExpressions;
using UseCaseHub.Web.Tests.Identity;

namespace UseCaseHub.Web.Tests.Security;

/// <summary>Every response carries the security headers; no served page has inline script a CSP would have to allow.</summary>
public sealed partial class SecurityHeadersTests(IdentityHubFactory hub) : IClassFixture<IdentityHubFactory>
{
    public static TheoryData<string> Addresses => ["/", "/api/search?q=water", "/odata/Sdgs?$top=1", "/css/site.css", "/js/suggest.js", "/no-such-page", "/odata/NoSuchSet"];

    [GeneratedRegex("<script\\b(?<attributes>[^>]*)>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Script();

    [GeneratedRegex("<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventAttribute();

    [GeneratedRegex("<[a-z][^>]*\\sstyle\\s*=|<style\\b", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task Every_kind_of_response_carries_the_security_headers(string address)
    {
        using var response = await hub.CreateClient().GetAsync(new Uri(address, UriKind.Relative));
        var csp = Header(response, "Content-Security-Policy");
        var scriptSrc = Directive(csp, "script-src") ?? Directive(csp, "default-src");
        Assert.NotNull(scriptSrc);
        Assert.DoesNotContain("unsafe-inline", scriptSrc, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", Directive(csp, "style-src") ?? "", StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains(Header(response, "Referrer-Policy"), new[] { "strict-origin-when-cross-origin", "strict-origin", "same-origin", "no-referrer" });
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_page_carries_the_headers_too()
    {
        using var response = await hub.CreateClient().GetAsync(new Uri("/error", UriKind.Relative));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_served_page_has_inline_script_event_handlers_or_inline_style()
    {
        var browser = hub.Browser();
        await browser.SignInAsync("admin@example.org", IdentityHubFactory.DemoPassword);
        string[] pages = ["/", "/search?q=water", "/search?q=reef&sdg=14", "/use-cases/fiji-reef", "/best-practices", "/sdg/6", "/api",
            "/admin/users", "/admin/organizations", "/admin/clients", "/account/profile", "/no-such-page"];
        foreach (var page in pages)
        {
            await AssertNoInlineCodeAsync(browser, page);
        }

        await AssertNoInlineCodeAsync(hub.Browser(), "/account/login");
        await AssertNoInlineCodeAsync(hub.Browser(), "/account/register");
    }

    private static async Task AssertNoInlineCodeAsync(HttpClient client, string page)
    {
        using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html", html, StringComparison.Ordinal);
        // JSON-LD is data the browser never runs (and CSP does not apply to it); any other inline script is refused.
        foreach (Match script in Script().Matches(html).Where(m => !m.Groups["attributes"].Value.Contains("type=\"application/ld+json\"", StringComparison.Ordinal)))
        {
            Assert.True(script.Groups["attributes"].Value.Contains("src=", StringComparison.OrdinalIgnoreCase) && script.Groups["body"].Value.Trim().Length == 0,
                $"inline script on {page}: {script.Value}");
        }

        Assert.False(EventAttribute().IsMatch(html), $"event handler attribute on {page}: {EventAttribute().Match(html).Value}");
        Assert.False(InlineStyle().IsMatch(html), $"inline style on {page}: {InlineStyle().Match(html).Value}");
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} missing on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode})");

    private static string? Directive(string csp, string name) =>
        csp.Split(';', StringSplitOptions.TrimEntries).FirstOrDefault(d => d.StartsWith(name + " ", StringComparison.Ordinal));
}
