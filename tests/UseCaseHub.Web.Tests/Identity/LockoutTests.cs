using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Accounts;

namespace UseCaseHub.Web.Tests.Identity;

/// <summary>Failed sign-ins lock the account for the address they came from only, so nobody can lock the admin out from outside.</summary>
public sealed class LockoutTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Failures_from_one_address_do_not_lock_the_account_for_another_address()
    {
        using var hub = new IdentityHubFactory(new Dictionary<string, string?> { ["Identity:TrustForwardedHeaders"] = "true" });
        await hub.WithScopeAsync(async services =>
        {
            var user = new HubUser { UserName = "target@example.net", Email = "target@example.net", EmailConfirmed = true, DisplayName = "Target" };
            Assert.True((await services.GetRequiredService<UserManager<HubUser>>().CreateAsync(user, Password)).Succeeded);
            return 0;
        });

        var attacker = hub.Browser();
        attacker.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.5");
        for (var attempt = 0; attempt < 8; attempt++)
        {
            using var failed = await attacker.SubmitAsync("/account/login", new Dictionary<string, string> { ["Email"] = "target@example.net", ["Password"] = "wrong password" });
            Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        }

        using (var locked = await attacker.SubmitAsync("/account/login", new Dictionary<string, string> { ["Email"] = "target@example.net", ["Password"] = Password }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
            Assert.Contains("locked", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var owner = hub.Browser();
        owner.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");
        await owner.SignInAsync("target@example.net", Password);
    }
}
