using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Tests.Identity;

/// <summary>Accounts over HTTP: registration with a mailed confirmation, sign-in, lockout, password reset, deletion.</summary>
public sealed class AccountTests(IdentityHubFactory hub) : IClassFixture<IdentityHubFactory>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Registration_sends_a_confirmation_mail_and_sign_in_waits_for_it()
    {
        var client = hub.Browser();
        using var registered = await client.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["DisplayName"] = "Ana Tui",
            ["Email"] = "ana@reef.example",
            ["OrganizationName"] = "Reef Watch Trust",
            ["CountryIso2"] = "FJ",
            ["Password"] = Password,
        });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Contains("We sent a confirmation link", await registered.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using (var early = await client.SubmitAsync("/account/login", new Dictionary<string, string> { ["Email"] = "ana@reef.example", ["Password"] = Password }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
            Assert.Contains("Confirm your email address first", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var link = Http.LinkIn(Http.MailTo(hub.EffectiveDataPath, "ana@reef.example"));
        Assert.StartsWith("/account/confirmemail?", link, StringComparison.OrdinalIgnoreCase);
        using (var tampered = await client.GetAsync(new Uri(link[..^3] + "xyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        }

        using (var confirmed = await client.GetAsync(new Uri(link, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        await client.SignInAsync("ana@reef.example", Password);
        var me = await (await client.GetAsync(new Uri("/api/me", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"Member\"", me, StringComparison.Ordinal);

        // A new organisation is a request: no organisation exists and the person belongs to none until an admin approves.
        await hub.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            Assert.False(await db.Organizations.AnyAsync(o => o.Name == "Reef Watch Trust" || o.Slug == "reef-watch-trust"));
            var user = await db.Users.SingleAsync(u => u.Email == "ana@reef.example");
            Assert.Null(user.OrganizationId);
            Assert.Equal("Reef Watch Trust", user.RequestedOrganization);
            Assert.Equal("FJ", user.CountryIso2);
            return 0;
        });
    }

    [Fact]
    public async Task An_admin_approves_a_new_organisation_and_its_founder_becomes_a_member()
    {
        await hub.Browser().SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["DisplayName"] = "Kofi",
            ["Email"] = "kofi@farm.example",
            ["OrganizationName"] = "Volta Farm Sensors",
            ["CountryIso2"] = "GH",
            ["Password"] = Password,
        });
        var requester = await FindAsync("kofi@farm.example");
        Assert.Empty(await hub.WithScopeAsync(services => services.GetRequiredService<UserManager<HubUser>>().GetRolesAsync(requester)));

        var admin = hub.Browser();
        await admin.SignInAsync("admin@example.org", IdentityHubFactory.DemoPassword);
        using (var page = await admin.GetAsync(new Uri("/admin/organizations", UriKind.Relative)))
        {
            Assert.Contains("Volta Farm Sensors", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var approved = await admin.SubmitAsync("/admin/organizations", new Dictionary<string, string> { ["userId"] = requester.Id.ToString() },
            "/admin/organizations?handler=Approve"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        await hub.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var organization = await db.Organizations.SingleAsync(o => o.Slug == "volta-farm-sensors");
            Assert.Equal("Volta Farm Sensors", organization.Name);
            Assert.Equal("GH", organization.CountryIso2);
            Assert.True(organization.CreatedByRegistration);
            var user = await db.Users.SingleAsync(u => u.Email == "kofi@farm.example");
            Assert.Equal(organization.Id, user.OrganizationId);
            Assert.Null(user.RequestedOrganization);
            Assert.Equal([HubRoles.Member], await services.GetRequiredService<UserManager<HubUser>>().GetRolesAsync(user));
            // The decision is in the audit log, saved with the person's new organisation.
            var decision = await db.AuditEntries.SingleAsync(a => a.Action == "organization.approve" && a.SubjectId == user.Id.ToString());
            Assert.Equal("admin@example.org", decision.ActorName);
            Assert.Equal("kofi@farm.example", decision.SubjectLabel);
            Assert.Equal("""{"organization":"Volta Farm Sensors","founded":true}""", decision.Details);
            return 0;
        });
    }

    [Fact]
    public async Task Registering_a_taken_email_answers_as_for_a_new_one_and_mails_the_owner()
    {
        await CreateConfirmedUserAsync("owner@example.net");
        using var registered = await hub.Browser().SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["DisplayName"] = "Someone else",
            ["Email"] = "owner@example.net",
            ["OrganizationName"] = "Demo organisation",
            ["CountryIso2"] = "KE",
            ["Password"] = Password,
        });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var html = await registered.Content.ReadAsStringAsync();
        Assert.Contains("We sent a confirmation link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("already taken", html, StringComparison.OrdinalIgnoreCase);
        var mail = Http.MailTo(hub.EffectiveDataPath, "owner@example.net");
        Assert.Contains("tried to register", mail, StringComparison.Ordinal);
        Assert.Equal("owner@example.net", (await FindAsync("owner@example.net")).DisplayName);
    }

    [Fact]
    public async Task Registering_into_an_existing_organisation_waits_for_an_admin()
    {
        var client = hub.Browser();
        using var registered = await client.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["DisplayName"] = "Eve",
            ["Email"] = "eve@example.net",
            ["OrganizationName"] = "Demo organisation",
            ["CountryIso2"] = "KE",
            ["Password"] = Password,
        });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var user = await FindAsync("eve@example.net");
        Assert.Null(user.OrganizationId);
        Assert.Equal("Demo organisation", user.RequestedOrganization);
    }

    [Fact]
    public async Task Weak_passwords_and_unknown_countries_are_refused()
    {
        var client = hub.Browser();
        using var response = await client.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["DisplayName"] = "Short",
            ["Email"] = "short@example.net",
            ["OrganizationName"] = "Shorts",
            ["CountryIso2"] = "ZZ",
            ["Password"] = "short",
        });
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("We sent a confirmation link", html, StringComparison.Ordinal);
        Assert.Null(await TryFindAsync("short@example.net"));
    }

    [Fact]
    public async Task An_empty_registration_form_is_answered_with_the_form_again()
    {
        using var response = await hub.Browser().SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["DisplayName"] = "",
            ["Email"] = "",
            ["OrganizationName"] = "",
            ["CountryIso2"] = "",
            ["Password"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("name=\"Email\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_against_the_right_password()
    {
        await CreateConfirmedUserAsync("locked@example.net");
        var client = hub.Browser();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await client.SubmitAsync("/account/login", new Dictionary<string, string> { ["Email"] = "locked@example.net", ["Password"] = "wrong password" });
            Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        }

        using var locked = await client.SubmitAsync("/account/login", new Dictionary<string, string> { ["Email"] = "locked@example.net", ["Password"] = Password });
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_goes_back_to_local_addresses_only()
    {
        await CreateConfirmedUserAsync("redirect@example.net");
        var client = hub.Browser();
        using var response = await client.SubmitAsync("/account/login?ReturnUrl=https%3A%2F%2Fevil.example%2F",
            new Dictionary<string, string> { ["Email"] = "redirect@example.net", ["Password"] = Password, ["ReturnUrl"] = "https://evil.example/" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_mailed_link()
    {
        await CreateConfirmedUserAsync("forgetful@example.net");
        var client = hub.Browser();
        using (var asked = await client.SubmitAsync("/account/forgotpassword", new Dictionary<string, string> { ["Email"] = "forgetful@example.net" }))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var link = Http.LinkIn(Http.MailTo(hub.EffectiveDataPath, "forgetful@example.net"));
        var code = System.Web.HttpUtility.ParseQueryString(new Uri("http://localhost" + link).Query)["code"]!;
        using (var reset = await client.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Code"] = code,
            ["Email"] = "forgetful@example.net",
            ["Password"] = "a brand new passphrase",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            Assert.Contains("Your password is changed", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await hub.Browser().SignInAsync("forgetful@example.net", "a brand new passphrase");
    }

    [Fact]
    public async Task Owners_delete_their_account_and_the_organisation_keeps_its_entries()
    {
        var organization = await hub.DemoOrganizationIdAsync();
        await CreateConfirmedUserAsync("leaving@example.net", organization);
        var client = hub.Browser();
        await client.SignInAsync("leaving@example.net", Password);

        using (var wrong = await client.SubmitAsync("/account/profile", new Dictionary<string, string> { ["deletePassword"] = "not it" }, "/account/profile?handler=Delete"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        Assert.NotNull(await TryFindAsync("leaving@example.net"));
        using (var deleted = await client.SubmitAsync("/account/profile", new Dictionary<string, string> { ["deletePassword"] = Password }, "/account/profile?handler=Delete"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        Assert.Null(await TryFindAsync("leaving@example.net"));
        await hub.WithScopeAsync(async services =>
        {
            Assert.True(await services.GetRequiredService<HubDbContext>().Organizations.AnyAsync(o => o.Id == organization));
            return 0;
        });
        using var profile = await client.GetAsync(new Uri("/account/profile", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
    }

    [Fact]
    public async Task The_profile_shows_and_saves_the_signed_in_person()
    {
        var client = hub.Browser();
        using (var anonymous = await client.GetAsync(new Uri("/account/profile", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        }

        await CreateConfirmedUserAsync("profile@example.net");
        await client.SignInAsync("profile@example.net", Password);
        using var saved = await client.SubmitAsync("/account/profile", new Dictionary<string, string> { ["DisplayName"] = "Renamed Person", ["CountryIso2"] = "KE" }, "/account/profile?handler=Save");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("Renamed Person", (await FindAsync("profile@example.net")).DisplayName);
    }

    [Fact]
    public async Task Forms_without_an_antiforgery_token_are_refused()
    {
        var client = hub.Browser();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "member@example.org", ["Password"] = IdentityHubFactory.DemoPassword });
        using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task CreateConfirmedUserAsync(string email, Guid? organization = null) =>
        await hub.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<HubUser>>();
            var user = new HubUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, OrganizationId = organization };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            if (organization is not null)
            {
                await users.AddToRoleAsync(user, HubRoles.Member);
            }

            return user;
        });

    private Task<HubUser?> TryFindAsync(string email) =>
        hub.WithScopeAsync(services => services.GetRequiredService<UserManager<HubUser>>().FindByEmailAsync(email));

    private async Task<HubUser> FindAsync(string email) => (await TryFindAsync(email))!;
}
