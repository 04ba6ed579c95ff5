using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Tests.Identity;

/// <summary>The site signs people in through the configured external authority (a second in-process OpenIddict host).</summary>
public sealed partial class ExternalSignInTests(ExternalAuthorityFixture hosts) : IClassFixture<ExternalAuthorityFixture>
{
    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<form[^>]+action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [Fact]
    public async Task A_person_of_the_trusted_authority_signs_in_to_the_site_with_roles_mapped()
    {
        await PrepareIssuerAsync("partner.person@partner.example", "Partner Person");
        var (hub, finish) = await SignInThroughAuthorityAsync(hosts.Trusting, "partner.person@partner.example");
        Assert.True(finish.StatusCode == HttpStatusCode.Redirect, await finish.Content.ReadAsStringAsync());
        Assert.Equal("/account/profile", finish.Headers.Location!.OriginalString);

        var me = System.Text.Json.JsonDocument.Parse(await hub.GetStringAsync(new Uri("/api/me", UriKind.Relative))).RootElement;
        Assert.Contains(HubRoles.Curator, me.Strings("roles"));
        var user = await hosts.Trusting.WithScopeAsync(services => services.GetRequiredService<UserManager<HubUser>>().FindByEmailAsync("partner.person@partner.example"));
        Assert.NotNull(user);
        Assert.True(user.EmailConfirmed);
        Assert.Equal("Partner Person", user.DisplayName);
    }

    [Fact]
    public async Task An_identity_without_email_verified_is_not_linked_to_the_local_account_with_that_email()
    {
        const string email = "same.address@partner.example";
        await PrepareIssuerAsync(email, "Same Address");
        await hosts.Unverified.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<HubUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var local = new HubUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Local owner" };
                Assert.True((await users.CreateAsync(local, IdentityHubFactory.DemoPassword)).Succeeded);
            }

            return 0;
        });

        var (hub, finish) = await SignInThroughAuthorityAsync(hosts.Unverified, email);
        Assert.Equal(HttpStatusCode.BadRequest, finish.StatusCode);
        using var me = await hub.GetAsync(new Uri("/api/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        var logins = await hosts.Unverified.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<HubUser>>();
            return await users.GetLoginsAsync((await users.FindByEmailAsync(email))!);
        });
        Assert.Empty(logins);
    }

    [Fact]
    public async Task Roles_from_the_authority_are_re_evaluated_at_each_sign_in_and_local_grants_stay()
    {
        const string email = "changing.person@partner.example";
        await PrepareIssuerAsync(email, "Changing Person");
        var (_, first) = await SignInThroughAuthorityAsync(hosts.Trusting, email);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains(HubRoles.Curator, await RolesAsync(email));

        // An admin of the hub grants Admin locally; the authority then stops granting Member (mapped to Curator).
        await hosts.Trusting.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<HubUser>>();
            return await users.AddToRoleAsync((await users.FindByEmailAsync(email))!, HubRoles.Admin);
        });
        await hosts.Issuer.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<HubUser>>();
            return await users.RemoveFromRoleAsync((await users.FindByEmailAsync(email))!, HubRoles.Member);
        });

        var (_, second) = await SignInThroughAuthorityAsync(hosts.Trusting, email);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var roles = await RolesAsync(email);
        Assert.DoesNotContain(HubRoles.Curator, roles);
        Assert.Contains(HubRoles.Admin, roles);
    }

    [Fact]
    public async Task A_hub_without_a_configured_authority_offers_no_external_sign_in()
    {
        using var login = await hosts.Untrusting.CreateClient().GetAsync(new Uri("/account/login", UriKind.Relative));
        Assert.DoesNotContain("Sign in with", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The site's whole round trip through the authority, where the person is already signed in; answers the hub's last response.</summary>
    private async Task<(HttpClient Hub, HttpResponseMessage Finish)> SignInThroughAuthorityAsync(IdentityHubFactory host, string email)
    {
        var hub = host.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        using (var login = await hub.GetAsync(new Uri("/account/login", UriKind.Relative)))
        {
            Assert.Contains("Sign in with Partner authority", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var challenge = await hub.SubmitAsync("/account/login", new Dictionary<string, string>
        {
            ["provider"] = HubIdentityExtensions.ExternalSiteScheme,
            ["ReturnUrl"] = "/account/profile",
        }, "/account/login?handler=External");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(ExternalAuthorityFixture.Authority + "connect/authorize", authorize.AbsoluteUri, StringComparison.Ordinal);

        // At the authority, the person is already signed in; it answers with a self-posting form back to the hub.
        var authority = hosts.Issuer.Browser();
        await authority.SignInAsync(email, IdentityHubFactory.DemoPassword);
        using var answer = await authority.GetAsync(new Uri(authorize.PathAndQuery, UriKind.Relative));
        var form = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, form);
        var action = new Uri(WebUtility.HtmlDecode(FormAction().Match(form).Groups[1].Value));
        Assert.Equal("https://localhost/signin-external", action.GetLeftPart(UriPartial.Path));
        var fields = HiddenField().Matches(form).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));

        using var content = new FormUrlEncodedContent(fields);
        using var callback = await hub.PostAsync(new Uri(action.PathAndQuery, UriKind.Relative), content);
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, await callback.Content.ReadAsStringAsync());
        return (hub, await hub.GetAsync(new Uri(callback.Headers.Location!.OriginalString, UriKind.Relative)));
    }

    private async Task<IList<string>> RolesAsync(string email) =>
        await hosts.Trusting.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<HubUser>>();
            return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
        });

    private async Task PrepareIssuerAsync(string email, string name) =>
        await hosts.Issuer.WithScopeAsync(async services =>
        {
            var clients = services.GetRequiredService<ClientRegistry>();
            if (await clients.FindAsync(ExternalAuthorityFixture.SiteClientId) is null)
            {
                await clients.RegisterAsync(new ClientRegistration(ExternalAuthorityFixture.SiteClientId, "UseCaseHub site",
                    [new Uri("https://localhost/signin-external")], ["profile", "email", "roles"], null, ClientCredentials: false),
                    ExternalAuthorityFixture.SiteClientSecret);
            }

            var users = services.GetRequiredService<UserManager<HubUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var person = new HubUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
                Assert.True((await users.CreateAsync(person, IdentityHubFactory.DemoPassword)).Succeeded);
                await users.AddToRoleAsync(person, HubRoles.Member);
            }

            return 0;
        });
}
