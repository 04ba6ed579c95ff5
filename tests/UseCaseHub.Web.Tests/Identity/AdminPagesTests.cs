using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Tests.Identity;

/// <summary>Every admin page refuses everyone but admins; admins manage roles, organisations and clients.</summary>
public sealed partial class AdminPagesTests(IdentityHubFactory hub) : IClassFixture<IdentityHubFactory>
{
    public static TheoryData<string> Pages => ["/admin/users", "/admin/organizations", "/admin/clients"];

    [GeneratedRegex("<p class=\"secret\" id=\"client-secret\">([^<]+)</p>")]
    private static partial Regex Secret();

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Admin_pages_send_anonymous_visitors_to_sign_in(string page)
    {
        using var response = await hub.Browser().GetAsync(new Uri(page, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Admin_pages_refuse_members_and_curators(string page)
    {
        foreach (var email in new[] { "member@example.org", "curator@example.org" })
        {
            var browser = hub.Browser();
            await browser.SignInAsync(email, IdentityHubFactory.DemoPassword);
            using var response = await browser.GetAsync(new Uri(page, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Admin_pages_refuse_bearer_tokens_of_non_admins(string page)
    {
        var api = hub.CreateClient(new() { AllowAutoRedirect = false });
        var token = (await api.ClientCredentialsAsync("demo-client", IdentityHubFactory.DemoSecret, "usecases.read")).GetProperty("access_token").GetString()!;
        using var response = await api.GetWithTokenAsync(page, token);
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Admin_pages_refuse_an_admins_bearer_token_with_401_not_a_sign_in_redirect(string page)
    {
        // Bearer tokens are for the API: even an admin's own token (read scope) must not open the site.
        const string callback = "https://admin-tool.example/callback";
        var clientId = "admin-tool-" + Guid.NewGuid().ToString("N")[..8];
        var secret = await hub.WithScopeAsync(services => services.GetRequiredService<ClientRegistry>().RegisterAsync(new ClientRegistration(
            clientId, clientId, [new Uri(callback)], ["profile", "email", "roles", "usecases.read"], null, ClientCredentials: false)));
        var token = (await hub.CodeFlowAsync("admin@example.org", clientId, secret, "openid roles usecases.read", callback)).GetProperty("access_token").GetString()!;
        var api = hub.CreateClient(new() { AllowAutoRedirect = false });
        using (var me = await api.GetWithTokenAsync("/api/me", token))
        {
            Assert.Contains("Admin", await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var response = await api.GetWithTokenAsync(page, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Admin_pages_open_for_admins(string page)
    {
        var browser = hub.Browser();
        await browser.SignInAsync("admin@example.org", IdentityHubFactory.DemoPassword);
        using var response = await browser.GetAsync(new Uri(page, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_member_cannot_post_to_an_admin_handler()
    {
        var browser = hub.Browser();
        await browser.SignInAsync("member@example.org", IdentityHubFactory.DemoPassword);
        var member = await UserIdAsync("member@example.org");
        using var response = await browser.SubmitAsync("/account/profile", new Dictionary<string, string> { ["userId"] = member.ToString(), ["role"] = "Admin" }, "/admin/users?handler=Grant");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Admin", await RolesAsync("member@example.org"));
    }

    [Fact]
    public async Task Admins_grant_and_revoke_roles_and_find_users()
    {
        var browser = hub.Browser();
        await browser.SignInAsync("admin@example.org", IdentityHubFactory.DemoPassword);
        var member = (await UserIdAsync("member@example.org")).ToString();
        using (var found = await browser.GetAsync(new Uri("/admin/users?q=member%40", UriKind.Relative)))
        {
            var html = await found.Content.ReadAsStringAsync();
            Assert.Contains("member@example.org", html, StringComparison.Ordinal);
            Assert.DoesNotContain("curator@example.org", html, StringComparison.Ordinal);
        }

        using (var granted = await browser.SubmitAsync("/admin/users", new Dictionary<string, string> { ["userId"] = member, ["role"] = "Curator" }, "/admin/users?handler=Grant"))
        {
            Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        }

        Assert.Contains("Curator", await RolesAsync("member@example.org"));
        using (var revoked = await browser.SubmitAsync("/admin/users", new Dictionary<string, string> { ["userId"] = member, ["role"] = "Curator" }, "/admin/users?handler=Revoke"))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        }

        Assert.DoesNotContain("Curator", await RolesAsync("member@example.org"));
    }

    [Fact]
    public async Task The_last_administrator_keeps_the_admin_role()
    {
        var browser = hub.Browser();
        await browser.SignInAsync("admin@example.org", IdentityHubFactory.DemoPassword);
        var admin = (await UserIdAsync("admin@example.org")).ToString();
        using (var refused = await browser.SubmitAsync("/admin/users", new Dictionary<string, string> { ["userId"] = admin, ["role"] = "Admin" }, "/admin/users?handler=Revoke"))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        }

        Assert.Contains("Admin", await RolesAsync("admin@example.org"));
        using var page = await browser.GetAsync(new Uri("/admin/users", UriKind.Relative));
        Assert.Contains("is the last administrator", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_create_organisations()
    {
        var browser = hub.Browser();
        await browser.SignInAsync("admin@example.org", IdentityHubFactory.DemoPassword);
        using var created = await browser.SubmitAsync("/admin/organizations", new Dictionary<string, string> { ["name"] = "City of Suva", ["countryIso2"] = "fj" }, "/admin/organizations?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await hub.WithScopeAsync(async services =>
        {
            var organization = await services.GetRequiredService<HubDbContext>().Organizations.SingleAsync(o => o.Slug == "city-of-suva");
            Assert.Equal("FJ", organization.CountryIso2);
            return 0;
        });
    }

    [Fact]
    public async Task Admins_register_a_machine_client_whose_secret_is_shown_once_and_works()
    {
        var browser = hub.Browser();
        await browser.SignInAsync("admin@example.org", IdentityHubFactory.DemoPassword);
        var organization = await hub.DemoOrganizationIdAsync();
        using var registered = await browser.SubmitAsync("/admin/clients", new Dictionary<string, string>
        {
            ["ClientId"] = "registry-sync",
            ["DisplayName"] = "Registry sync",
            ["Scopes"] = "usecases.read",
            ["ClientCredentials"] = "true",
            ["OrganizationId"] = organization.ToString(),
        }, "/admin/clients?handler=Register");
        var html = await registered.Content.ReadAsStringAsync();
        var secret = Secret().Match(html);
        Assert.True(secret.Success, html);

        using (var list = await browser.GetAsync(new Uri("/admin/clients", UriKind.Relative)))
        {
            var listed = await list.Content.ReadAsStringAsync();
            Assert.Contains("registry-sync", listed, StringComparison.Ordinal);
            Assert.DoesNotContain(secret.Groups[1].Value, listed, StringComparison.Ordinal);
        }

        var api = hub.CreateClient();
        var me = await api.MeAsync((await api.ClientCredentialsAsync("registry-sync", secret.Groups[1].Value, "usecases.read")).GetProperty("access_token").GetString()!);
        Assert.Equal(organization.ToString(), me.GetProperty("organization").GetString());
    }

    private Task<Guid> UserIdAsync(string email) =>
        hub.WithScopeAsync(async services => (await services.GetRequiredService<UserManager<HubUser>>().FindByEmailAsync(email))!.Id);

    private Task<IList<string>> RolesAsync(string email) =>
        hub.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<HubUser>>();
            return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
        });
}
