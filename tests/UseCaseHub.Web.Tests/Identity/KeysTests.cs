using System.Net;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Identity;

/// <summary>Token keys and data-protection keys live in the data directory: a restarted host, or a second one, accepts what the first issued.</summary>
public sealed class KeysTests : IDisposable
{
    private readonly string _shared = TestPaths.NewTemporaryFolder();

    [Fact]
    public async Task Tokens_and_cookies_from_one_host_are_accepted_after_a_restart_on_the_same_data()
    {
        string token;
        string cookie;
        using (var first = new IdentityHubFactory(null, sharedDataPath: _shared))
        {
            token = (await first.CreateClient().ClientCredentialsAsync("demo-client", IdentityHubFactory.DemoSecret, "usecases.read"))
                .GetProperty("access_token").GetString()!;
            cookie = await SignInCookieAsync(first);
        }

        Assert.True(File.Exists(Path.Combine(_shared, "keys", "signing.pfx")));
        Assert.True(File.Exists(Path.Combine(_shared, "keys", "encryption.pfx")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_shared, "keys", "data-protection"), "*.xml"));

        using var second = new IdentityHubFactory(null, sharedDataPath: _shared);
        var api = second.CreateClient();
        await api.MeAsync(token);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/me", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var withCookie = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
    }

    [Fact]
    public async Task A_host_with_other_keys_refuses_the_token()
    {
        using var first = new IdentityHubFactory(null, sharedDataPath: _shared);
        var token = (await first.CreateClient().ClientCredentialsAsync("demo-client", IdentityHubFactory.DemoSecret, "usecases.read"))
            .GetProperty("access_token").GetString()!;
        using var stranger = new IdentityHubFactory();
        using var response = await stranger.CreateClient().GetWithTokenAsync("/api/me", token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<string> SignInCookieAsync(IdentityHubFactory host)
    {
        var browser = host.Browser();
        using var response = await browser.SubmitAsync("/account/login", new Dictionary<string, string>
        {
            ["Email"] = "member@example.org",
            ["Password"] = IdentityHubFactory.DemoPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("usecasehub=", StringComparison.Ordinal));
        return setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            TestPaths.DeleteTemporaryFolder(_shared);
        }
        catch (IOException)
        {
            // Left for the OS; results do not depend on it.
        }
    }
}
