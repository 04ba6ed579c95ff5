using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Accounts;

namespace UseCaseHub.Web.Tests.Identity;

/// <summary>Links in mails come from Site:PublicBaseUrl, never from the request's Host header; Production requires that address.</summary>
public sealed class PublicAddressTests
{
    private const string PublicBase = "https://hub.example.org/";

    [Fact]
    public async Task A_reset_asked_with_a_foreign_host_header_mails_a_link_on_the_public_address()
    {
        using var hub = new IdentityHubFactory(new Dictionary<string, string?> { ["Site:PublicBaseUrl"] = PublicBase });
        await hub.WithScopeAsync(async services =>
        {
            var user = new HubUser { UserName = "victim@example.net", Email = "victim@example.net", EmailConfirmed = true, DisplayName = "Victim" };
            Assert.True((await services.GetRequiredService<UserManager<HubUser>>().CreateAsync(user, "correct horse battery")).Succeeded);
            return 0;
        });
        var attacker = hub.Browser();
        attacker.DefaultRequestHeaders.Host = "evil.example";
        using (var asked = await attacker.SubmitAsync("/account/forgotpassword", new Dictionary<string, string> { ["Email"] = "victim@example.net" }))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var mail = Http.MailTo(hub.EffectiveDataPath, "victim@example.net");
        Assert.DoesNotContain("evil.example", mail, StringComparison.OrdinalIgnoreCase);
        Assert.True(mail.Contains(PublicBase + "account/resetpassword?", StringComparison.OrdinalIgnoreCase), mail);
    }

    [Fact]
    public async Task A_confirmation_asked_with_a_foreign_host_header_mails_a_link_on_the_public_address()
    {
        using var hub = new IdentityHubFactory(new Dictionary<string, string?> { ["Site:PublicBaseUrl"] = PublicBase });
        var client = hub.Browser();
        client.DefaultRequestHeaders.Host = "evil.example";
        using var registered = await client.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["DisplayName"] = "Host Tester",
            ["Email"] = "host.tester@example.net",
            ["OrganizationName"] = "Demo organisation",
            ["CountryIso2"] = "KE",
            ["Password"] = "correct horse battery",
        });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var mail = Http.MailTo(hub.EffectiveDataPath, "host.tester@example.net");
        Assert.DoesNotContain("evil.example", mail, StringComparison.OrdinalIgnoreCase);
        Assert.True(mail.Contains(PublicBase + "account/confirmemail?", StringComparison.OrdinalIgnoreCase), mail);
    }

    [Fact]
    public void Production_refuses_to_start_without_a_public_address()
    {
        using var hub = new IdentityHubFactory(
            new Dictionary<string, string?> { ["Identity:Demo:Enabled"] = "false", ["Site:PublicBaseUrl"] = "" }, environment: "Production");
        var error = Assert.ThrowsAny<Exception>(() => hub.CreateClient());
        Assert.Contains("Site:PublicBaseUrl", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_answers_only_the_public_host_when_allowed_hosts_is_not_set()
    {
        using var hub = new IdentityHubFactory(
            new Dictionary<string, string?> { ["Identity:Demo:Enabled"] = "false", ["Site:PublicBaseUrl"] = "http://localhost/" }, environment: "Production");
        var client = hub.CreateClient();
        using (var own = await client.GetAsync(new Uri("/api/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, own.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/me", UriKind.Relative));
        request.Headers.Host = "evil.example";
        using var foreign = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
    }
}
