using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Tests.Identity;

/// <summary>
/// Three hosts: an external OpenIddict issuer (plain signed JWTs), a hub that trusts it by configuration, and a
/// hub that does not. Tokens re-signed with the issuer's real key isolate one fault at a time.
/// </summary>
public sealed class ExternalAuthorityFixture : IDisposable
{
    public const string Authority = "https://external.test/";
    public const string SiteClientId = "hub-site";
    public const string SiteClientSecret = "hub-site-secret";

    public ExternalAuthorityFixture()
    {
        Issuer = NewIssuer();
        Trusting = TrustingHost(_ => { });
        // The same trust, but the authority's id tokens reach the hub without email_verified.
        Unverified = TrustingHost(o => o.ClaimActions.DeleteClaim("email_verified"));
        Untrusting = new IdentityHubFactory();
    }

    /// <summary>An OpenIddict host issuing plain signed JWTs as <see cref="Authority"/>.</summary>
    internal static IdentityHubFactory NewIssuer() => new(new Dictionary<string, string?>
    {
        ["Identity:Issuer"] = Authority,
        ["Identity:EncryptAccessTokens"] = "false",
    });

    /// <summary>A trusting hub reaches the authority's metadata and keys in <paramref name="issuer"/>'s in-process server.</summary>
    internal static void UseIssuer(IServiceCollection services, IdentityHubFactory issuer)
    {
        services.Configure<JwtBearerOptions>("External", o => o.BackchannelHttpHandler = issuer.Server.CreateHandler());
        services.Configure<OpenIdConnectOptions>("ExternalOidc", o => o.BackchannelHttpHandler = issuer.Server.CreateHandler());
    }

    public IdentityHubFactory Issuer { get; }

    public IdentityHubFactory Trusting { get; }

    public IdentityHubFactory Untrusting { get; }

    public IdentityHubFactory Unverified { get; }

    private IdentityHubFactory TrustingHost(Action<OpenIdConnectOptions> site) => new(
        new Dictionary<string, string?>
        {
            ["Identity:External:Authority"] = Authority,
            ["Identity:External:Audience"] = "usecasehub-api",
            // The issuer's Member counts as Curator here: proves the mapping is applied.
            ["Identity:External:RoleMap:Member"] = "Curator",
            ["Identity:External:AllowedOrganizations:0"] = "demo-organisation",
            ["Identity:External:ClientId"] = SiteClientId,
            ["Identity:External:ClientSecret"] = SiteClientSecret,
            ["Identity:External:DisplayName"] = "Partner authority",
            ["Identity:External:SiteScopes"] = "openid profile email roles",
        },
        services =>
        {
            UseIssuer(services, Issuer);
            services.Configure("ExternalOidc", site);
        });

    public void Dispose()
    {
        Unverified.Dispose();
        Trusting.Dispose();
        Untrusting.Dispose();
        Issuer.Dispose();
    }
}

public sealed class ExternalAuthorityTests(ExternalAuthorityFixture hosts) : IClassFixture<ExternalAuthorityFixture>
{
    [Fact]
    public async Task An_external_authority_is_trusted_when_configured_with_roles_mapped()
    {
        var token = await TokenWithAsync(payload => payload["org"] = "demo-organisation");
        var me = await hosts.Trusting.CreateClient().MeAsync(token);
        Assert.Equal(["Curator"], me.Strings("roles"));
        Assert.Equal((await hosts.Trusting.DemoOrganizationIdAsync()).ToString(), me.GetProperty("organization").GetString());
        Assert.Equal(["usecases.read", "usecases.write"], me.Strings("scopes").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task External_role_values_outside_the_role_map_give_no_hub_role()
    {
        var token = await TokenWithAsync(payload => payload["role"] = new JsonArray("Admin", "admin", "Curator"));
        var me = await hosts.Trusting.CreateClient().MeAsync(token);
        Assert.Empty(me.Strings("roles"));
    }

    [Fact]
    public async Task An_organisation_outside_the_authority_allow_list_is_ignored()
    {
        var other = await hosts.Trusting.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Slug == "other-org");
            if (organization is null)
            {
                organization = new Organization { Id = Guid.NewGuid(), Slug = "other-org", Name = "Other org" };
                db.Organizations.Add(organization);
                await db.SaveChangesAsync();
            }

            return organization.Id;
        });
        foreach (var claim in new[] { "other-org", other.ToString(), (await hosts.Issuer.DemoOrganizationIdAsync()).ToString() })
        {
            var token = await TokenWithAsync(payload => payload["org"] = claim);
            var me = await hosts.Trusting.CreateClient().MeAsync(token);
            Assert.True(me.GetProperty("organization").ValueKind == System.Text.Json.JsonValueKind.Null, $"org claim '{claim}' was accepted");
        }
    }

    [Fact]
    public async Task An_external_token_without_a_scope_claim_may_not_write()
    {
        var withoutScope = await TokenWithAsync(payload =>
        {
            payload["org"] = "demo-organisation";
            payload.Remove("scope");
        });
        using (var refused = await PostDraftAsync(withoutScope))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var allowed = await PostDraftAsync(await TokenWithAsync(payload => payload["org"] = "demo-organisation"));
        Assert.NotEqual(HttpStatusCode.Forbidden, allowed.StatusCode);
    }

    [Fact]
    public async Task An_external_authority_is_refused_when_not_configured()
    {
        var token = await IssuerTokenAsync();
        using var response = await hosts.Untrusting.CreateClient().GetWithTokenAsync("/api/me", token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string, HttpStatusCode> Faults => new()
    {
        // The issuer validates its own tokens locally (OpenIddict); the trusting hub through its JwtBearer scheme.
        // Locally, the stored token entry rules the lifetime: ConnectTests covers an expired entry.
        { "issuer", "none", HttpStatusCode.OK },
        { "issuer", "audience", HttpStatusCode.Unauthorized },
        { "issuer", "signature", HttpStatusCode.Unauthorized },
        { "issuer", "foreign-key", HttpStatusCode.Unauthorized },
        { "trusting", "none", HttpStatusCode.OK },
        { "trusting", "expired", HttpStatusCode.Unauthorized },
        { "trusting", "audience", HttpStatusCode.Unauthorized },
        { "trusting", "signature", HttpStatusCode.Unauthorized },
        { "trusting", "foreign-key", HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Tokens_are_refused_for_an_expired_lifetime_a_wrong_audience_or_a_bad_signature(string host, string fault, HttpStatusCode expected)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = await TokenWithAsync(payload =>
        {
            if (fault == "expired")
            {
                payload["iat"] = now - 7200;
                payload["nbf"] = now - 7200;
                payload["exp"] = now - 3600;
            }
            else if (fault == "audience")
            {
                payload["aud"] = "someone-else";
            }
        }, foreignKey: fault == "foreign-key");
        if (fault == "signature")
        {
            var signature = Base64UrlEncoder.DecodeBytes(token[(token.LastIndexOf('.') + 1)..]);
            signature[10] ^= 0xFF;
            token = token[..(token.LastIndexOf('.') + 1)] + Base64UrlEncoder.Encode(signature);
        }

        var target = host == "issuer" ? hosts.Issuer : hosts.Trusting;
        using var response = await target.CreateClient().GetWithTokenAsync("/api/me", token);
        Assert.Equal(expected, response.StatusCode);
    }

    /// <summary>An issuer token with its payload changed, re-signed with the issuer's real key (or a foreign one).</summary>
    private async Task<string> TokenWithAsync(Action<JsonObject> edit, bool foreignKey = false)
    {
        var original = new JsonWebToken(await IssuerTokenAsync());
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(original.EncodedPayload)))!.AsObject();
        edit(payload);
        _ = hosts.Untrusting.Server;
        var key = foreignKey ? hosts.Untrusting.EffectiveDataPath : hosts.Issuer.EffectiveDataPath;
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(key, "keys", "signing.pfx"), null);
        var credentials = new SigningCredentials(new X509SecurityKey(certificate) { KeyId = original.Kid }, SecurityAlgorithms.RsaSha256);
        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), credentials, new Dictionary<string, object> { ["typ"] = original.Typ });
    }

    private async Task<HttpResponseMessage> PostDraftAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/odata/UseCases", UriKind.Relative))
        {
            Content = new StringContent("""{"Title":"Scope probe"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await hosts.Trusting.CreateClient().SendAsync(request);
    }

    private async Task<string> IssuerTokenAsync()
    {
        var tokens = await hosts.Issuer.CreateClient().ClientCredentialsAsync("demo-client", IdentityHubFactory.DemoSecret, "usecases.read usecases.write");
        var token = tokens.GetProperty("access_token").GetString()!;
        Assert.Equal(2, token.Count(c => c == '.'));
        Assert.Equal(ExternalAuthorityFixture.Authority, new JsonWebToken(token).Issuer);
        _ = WebEncoders.Base64UrlDecode(token.Split('.')[1]);
        return token;
    }
}
