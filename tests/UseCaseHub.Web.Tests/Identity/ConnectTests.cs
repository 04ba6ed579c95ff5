using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Tests.Identity;

/// <summary>The OpenID Connect server end to end: code + PKCE with a signed-in browser, client credentials, refresh, revocation.</summary>
public sealed class ConnectTests(IdentityHubFactory hub) : IClassFixture<IdentityHubFactory>
{
    private const string Callback = "https://app.example/callback";

    [Fact]
    public async Task Discovery_names_the_endpoints_scopes_and_keys()
    {
        var client = hub.CreateClient();
        using var discovery = JsonDocument.Parse(await client.GetStringAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative)));
        var root = discovery.RootElement;
        Assert.EndsWith("/connect/authorize", root.GetProperty("authorization_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/token", root.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/userinfo", root.GetProperty("userinfo_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/logout", root.GetProperty("end_session_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/revoke", root.GetProperty("revocation_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/introspect", root.GetProperty("introspection_endpoint").GetString(), StringComparison.Ordinal);
        Assert.Subset(root.Strings("scopes_supported").ToHashSet(), new HashSet<string> { "openid", "profile", "email", "roles", "usecases.read", "usecases.write", "usecases.curate" });
        Assert.Equal(["S256"], root.Strings("code_challenge_methods_supported").Where(m => m == "S256"));

        var jwksUri = new Uri(root.GetProperty("jwks_uri").GetString()!).PathAndQuery;
        using var jwks = JsonDocument.Parse(await client.GetStringAsync(new Uri(jwksUri, UriKind.Relative)));
        Assert.NotEmpty(jwks.RootElement.GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task Authorization_code_with_pkce_signs_in_with_the_cookie_and_calls_the_api()
    {
        var secret = await RegisterWebClientAsync("web-pkce");
        var browser = hub.Browser();
        var (verifier, challenge) = Pkce();
        var authorize = "/connect/authorize?" + string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = "web-pkce",
            ["response_type"] = "code",
            ["redirect_uri"] = Callback,
            ["scope"] = "openid profile roles usecases.read offline_access",
            ["state"] = "state-1",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));

        // Not signed in: the server sends the browser to the sign-in page, which brings it back.
        using var toLogin = await browser.GetAsync(new Uri(authorize, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var login = toLogin.Headers.Location!.OriginalString;
        Assert.Contains("/account/login", login, StringComparison.OrdinalIgnoreCase);
        var returnUrl = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), login).Query)["ReturnUrl"].ToString();
        using (var signedIn = await browser.SubmitAsync(new Uri(new Uri("http://localhost"), login).PathAndQuery, new Dictionary<string, string>
        {
            ["Email"] = "member@example.org",
            ["Password"] = IdentityHubFactory.DemoPassword,
            ["ReturnUrl"] = returnUrl,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal(returnUrl, signedIn.Headers.Location!.OriginalString);
        }

        using var withCode = await browser.GetAsync(new Uri(returnUrl, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        var callback = withCode.Headers.Location!;
        Assert.StartsWith(Callback, callback.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("state-1", query["state"].ToString());

        var api = hub.CreateClient();
        var exchange = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = Callback,
            ["client_id"] = "web-pkce",
            ["client_secret"] = secret,
            ["code_verifier"] = "a-wrong-verifier-that-is-long-enough-to-be-a-valid-verifier-000",
        };
        using (var wrongVerifier = await api.TokenRequestAsync(exchange))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier.StatusCode);
        }

        // The failed attempt spent the code (codes are single-use): run the flow again for a fresh one.
        using var again = await browser.GetAsync(new Uri(returnUrl, UriKind.Relative));
        exchange["code"] = QueryHelpers.ParseQuery(again.Headers.Location!.Query)["code"].ToString();
        exchange["code_verifier"] = verifier;
        var tokens = await api.TokenAsync(exchange);
        var idToken = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.GetProperty("id_token").GetString());
        Assert.Equal("Demo Member", idToken.GetClaim("name").Value);
        Assert.Contains(idToken.Claims, c => c.Type == "role" && c.Value == "Member");
        Assert.True(tokens.TryGetProperty("refresh_token", out _));

        var me = await api.MeAsync(tokens.GetProperty("access_token").GetString()!);
        Assert.Contains("Member", me.Strings("roles"));
        Assert.Equal((await hub.DemoOrganizationIdAsync()).ToString(), me.GetProperty("organization").GetString());
        Assert.Contains("usecases.read", me.Strings("scopes"));
        Assert.DoesNotContain("usecases.write", me.Strings("scopes"));
        Assert.Equal("Demo Member", me.GetProperty("name").GetString());

        using var userinfo = await api.GetWithTokenAsync("/connect/userinfo", tokens.GetProperty("access_token").GetString()!);
        var userinfoBody = await userinfo.Content.ReadAsStringAsync();
        Assert.True(userinfo.IsSuccessStatusCode, userinfoBody);
        var claims = JsonDocument.Parse(userinfoBody).RootElement;
        Assert.True(claims.TryGetProperty("role", out _), userinfoBody);
        Assert.Equal("Demo Member", claims.GetProperty("name").GetString());
        Assert.Contains("Member", claims.Strings("role"));
    }

    [Fact]
    public async Task Authorization_without_pkce_is_refused()
    {
        await RegisterWebClientAsync("web-no-pkce");
        var browser = hub.Browser();
        await browser.SignInAsync("member@example.org", IdentityHubFactory.DemoPassword);
        using var response = await browser.GetAsync(new Uri(
            $"/connect/authorize?client_id=web-no-pkce&response_type=code&redirect_uri={Uri.EscapeDataString(Callback)}&scope=openid", UriKind.Relative));
        // OpenIddict answers an error to the client's redirect address (or a 400 page) and never issues a code.
        var location = response.Headers.Location?.AbsoluteUri ?? "";
        Assert.DoesNotContain("code=", location, StringComparison.Ordinal);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest || location.Contains("error=", StringComparison.Ordinal), $"{response.StatusCode} {location}");
    }

    [Fact]
    public async Task Client_credentials_act_for_the_organisation_as_a_member()
    {
        var api = hub.CreateClient();
        var tokens = await api.ClientCredentialsAsync("demo-client", IdentityHubFactory.DemoSecret, "usecases.read usecases.write");
        var me = await api.MeAsync(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal(["Member"], me.Strings("roles"));
        Assert.Equal((await hub.DemoOrganizationIdAsync()).ToString(), me.GetProperty("organization").GetString());
        Assert.Equal(["usecases.read", "usecases.write"], me.Strings("scopes").Order(StringComparer.Ordinal));
        Assert.Equal("demo-client", me.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Client_credentials_get_only_allowed_scopes_and_need_the_right_secret()
    {
        var api = hub.CreateClient();
        using (var curate = await api.TokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "demo-client",
            ["client_secret"] = IdentityHubFactory.DemoSecret,
            ["scope"] = "usecases.curate",
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, curate.StatusCode);
        }

        using var wrongSecret = await api.TokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "demo-client",
            ["client_secret"] = "not-the-secret",
            ["scope"] = "usecases.read",
        });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
    }

    [Fact]
    public async Task Refresh_tokens_renew_access_and_revocation_ends_both()
    {
        var secret = await RegisterWebClientAsync("web-refresh");
        var tokens = await CodeFlowAsync("web-refresh", secret, "openid usecases.read offline_access");
        var api = hub.CreateClient();

        var refreshed = await api.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
            ["client_id"] = "web-refresh",
            ["client_secret"] = secret,
        });
        var access = refreshed.GetProperty("access_token").GetString()!;
        await api.MeAsync(access);

        await RevokeAsync(api, "web-refresh", secret, access);
        using (var revokedAccess = await api.GetWithTokenAsync("/api/me", access))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revokedAccess.StatusCode);
        }

        var refresh = refreshed.GetProperty("refresh_token").GetString()!;
        await RevokeAsync(api, "web-refresh", secret, refresh);
        using var revokedRefresh = await api.TokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refresh,
            ["client_id"] = "web-refresh",
            ["client_secret"] = secret,
        });
        Assert.Equal(HttpStatusCode.BadRequest, revokedRefresh.StatusCode);
    }

    [Fact]
    public async Task Introspection_tells_a_client_whether_a_token_is_active()
    {
        var api = hub.CreateClient();
        var access = (await api.ClientCredentialsAsync("demo-client", IdentityHubFactory.DemoSecret, "usecases.read")).GetProperty("access_token").GetString()!;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = access,
            ["client_id"] = "demo-client",
            ["client_secret"] = IdentityHubFactory.DemoSecret,
        });
        using var response = await api.PostAsync(new Uri("/connect/introspect", UriKind.Relative), content);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Tokens_without_the_api_audience_or_with_a_broken_seal_are_refused()
    {
        var secret = await RegisterWebClientAsync("web-audience");
        var api = hub.CreateClient();

        // Only OpenID scopes: the token is not meant for the API.
        var identityOnly = await CodeFlowAsync("web-audience", secret, "openid profile");
        using (var wrongAudience = await api.GetWithTokenAsync("/api/me", identityOnly.GetProperty("access_token").GetString()!))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongAudience.StatusCode);
        }

        var access = (await api.ClientCredentialsAsync("demo-client", IdentityHubFactory.DemoSecret, "usecases.read")).GetProperty("access_token").GetString()!;
        await api.MeAsync(access);
        var tampered = access[..^6] + (access[^6] == 'A' ? 'B' : 'A') + access[^5..];
        using var broken = await api.GetWithTokenAsync("/api/me", tampered);
        Assert.Equal(HttpStatusCode.Unauthorized, broken.StatusCode);
        Assert.StartsWith("application/problem+json", broken.Content.Headers.ContentType?.MediaType ?? "application/problem+json", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_whose_lifetime_is_over_is_refused()
    {
        var api = hub.CreateClient();
        var access = (await api.ClientCredentialsAsync("demo-client", IdentityHubFactory.DemoSecret, "usecases.read")).GetProperty("access_token").GetString()!;
        await api.MeAsync(access);

        // The token store is authoritative for this hub's tokens: end the lifetime there (of every demo-client
        // access token, since the encrypted token does not tell which entry is its own).
        var ended = await hub.WithScopeAsync(services => services.GetRequiredService<HubDbContext>().Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Subject == "demo-client" && t.Type!.Contains("access_token"))
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.ExpirationDate, DateTime.UtcNow.AddMinutes(-1))));
        Assert.True(ended > 0);
        using var expired = await api.GetWithTokenAsync("/api/me", access);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task The_api_without_credentials_answers_401_not_a_redirect()
    {
        using var response = await hub.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(new Uri("/api/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_site_session()
    {
        var browser = hub.Browser();
        await browser.SignInAsync("member@example.org", IdentityHubFactory.DemoPassword);
        using (var me = await browser.GetAsync(new Uri("/api/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        // A GET (a link or an image on another site) only asks; the signed POST signs out.
        using (var logout = await browser.GetAsync(new Uri("/connect/logout", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
            Assert.Contains("<form", await logout.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var still = await browser.GetAsync(new Uri("/api/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        }

        using (var forged = await browser.PostAsync(new Uri("/connect/logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>())))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        using (var confirmed = await browser.SubmitAsync("/connect/logout", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        using var after = await browser.GetAsync(new Uri("/api/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task The_site_logout_page_signs_out_only_on_a_signed_post()
    {
        var browser = hub.Browser();
        await browser.SignInAsync("member@example.org", IdentityHubFactory.DemoPassword);
        using (var page = await browser.GetAsync(new Uri("/account/logout", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using (var still = await browser.GetAsync(new Uri("/api/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        }

        using (var forged = await browser.PostAsync(new Uri("/account/logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>())))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        using (var confirmed = await browser.SubmitAsync("/account/logout", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        using var after = await browser.GetAsync(new Uri("/api/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    internal static (string Verifier, string Challenge) Pkce()
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (verifier, WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    private async Task<string> RegisterWebClientAsync(string clientId) =>
        await hub.WithScopeAsync(services => services.GetRequiredService<ClientRegistry>().RegisterAsync(new ClientRegistration(
            clientId, clientId, [new Uri(Callback)], ["profile", "email", "roles", "usecases.read"], null, ClientCredentials: false)));

    private Task<JsonElement> CodeFlowAsync(string clientId, string secret, string scope) =>
        hub.CodeFlowAsync("member@example.org", clientId, secret, scope, Callback);

    private static async Task RevokeAsync(HttpClient api, string clientId, string secret, string token)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        });
        using var response = await api.PostAsync(new Uri("/connect/revoke", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
