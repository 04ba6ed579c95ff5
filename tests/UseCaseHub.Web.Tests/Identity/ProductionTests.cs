using System.Net;

namespace UseCaseHub.Web.Tests.Identity;

/// <summary>Outside Development the hub refuses demo accounts, and the token endpoint insists on HTTPS.</summary>
public sealed class ProductionTests
{
    [Fact]
    public void Production_refuses_to_start_with_demo_accounts()
    {
        using var hub = new IdentityHubFactory(null, environment: "Production");
        var error = Assert.ThrowsAny<Exception>(() => hub.CreateClient());
        Assert.Contains("Identity:Demo:Enabled", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_starts_without_demo_accounts_and_refuses_tokens_over_plain_http()
    {
        using var hub = new IdentityHubFactory(new Dictionary<string, string?> { ["Identity:Demo:Enabled"] = "false" }, environment: "Production");
        var client = hub.CreateClient();
        using var response = await client.TokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "demo-client",
            ["client_secret"] = IdentityHubFactory.DemoSecret,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("HTTPS", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);
    }
}
