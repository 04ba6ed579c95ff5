using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;
using UseCaseHub.Web.Identity;

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
    public void Production_refuses_a_store_copied_from_development_with_demo_accounts()
    {
        var shared = UseCaseHub.Testing.TestPaths.NewTemporaryFolder();
        using (var development = new IdentityHubFactory(null, sharedDataPath: shared))
        {
            _ = development.CreateClient();
        }

        using var production = new IdentityHubFactory(new Dictionary<string, string?> { ["Identity:Demo:Enabled"] = "false" }, sharedDataPath: shared, environment: "Production");
        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        Assert.Contains("demo", error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("member@example.org", error.ToString(), StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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

    [Fact]
    public async Task Behind_a_trusted_tls_proxy_production_issues_tokens()
    {
        using var hub = new IdentityHubFactory(
            new Dictionary<string, string?> { ["Identity:Demo:Enabled"] = "false", ["Identity:TrustForwardedHeaders"] = "true", ["Identity:TrustedProxies:0"] = "10.0.0.0/8" },
            environment: "Production");
        var client = hub.CreateClient();
        await hub.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var org = new Organization { Id = Guid.NewGuid(), Slug = "proxy-org", Name = "Proxy org" };
            db.Organizations.Add(org);
            await db.SaveChangesAsync();
            await services.GetRequiredService<ClientRegistry>().RegisterAsync(
                new ClientRegistration("machine", "Machine", [], ["usecases.read"], org.Id, ClientCredentials: true), "machine-secret");
            return 0;
        });
        Assert.False(await hub.WithScopeAsync(async services => await services.GetRequiredService<UserManager<HubUser>>().Users.AnyAsync()));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/connect/token", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "machine",
                ["client_secret"] = "machine-secret",
                ["scope"] = "usecases.read",
            }),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Configured_certificates_are_used_and_development_certificates_refused_in_production()
    {
        var folder = UseCaseHub.Testing.TestPaths.NewTemporaryFolder();
        var signing = WriteCertificate(folder, "signing.pfx", "CN=Operator signing", X509KeyUsageFlags.DigitalSignature);
        var encryption = WriteCertificate(folder, "encryption.pfx", "CN=Operator encryption", X509KeyUsageFlags.KeyEncipherment);
        var development = WriteCertificate(folder, "dev.pfx", "CN=OpenIddict Server Signing Certificate", X509KeyUsageFlags.DigitalSignature);
        var settings = new Dictionary<string, string?>
        {
            ["Identity:Demo:Enabled"] = "false",
            ["Identity:Keys:SigningCertificatePath"] = signing,
            ["Identity:Keys:EncryptionCertificatePath"] = encryption,
            ["Identity:Keys:CertificatePassword"] = "pfx-password",
        };
        using (var hub = new IdentityHubFactory(settings, environment: "Production"))
        {
            var jwks = await hub.CreateClient(new() { BaseAddress = new Uri("https://localhost") }).GetStringAsync(new Uri("/.well-known/jwks", UriKind.Relative));
            using var expected = X509CertificateLoader.LoadPkcs12FromFile(signing, "pfx-password");
            Assert.Contains(Convert.ToBase64String(expected.RawData), jwks, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(hub.EffectiveDataPath, "keys", "signing.pfx")));
        }

        settings["Identity:Keys:SigningCertificatePath"] = development;
        using (var refused = new IdentityHubFactory(settings, environment: "Production"))
        {
            var error = Assert.ThrowsAny<Exception>(() => refused.CreateClient());
            Assert.Contains("Development or ephemeral token keys", error.ToString(), StringComparison.Ordinal);
        }

        TestPaths.DeleteTemporaryFolder(folder);
    }

    [Theory]
    [InlineData(null)] // forwarded headers believed from any sender
    [InlineData("not-an-address")]
    public void Production_refuses_forwarded_headers_without_valid_trusted_proxies(string? proxy)
    {
        var settings = new Dictionary<string, string?> { ["Identity:Demo:Enabled"] = "false", ["Identity:TrustForwardedHeaders"] = "true" };
        if (proxy is not null)
        {
            settings["Identity:TrustedProxies:0"] = proxy;
        }

        using var hub = new IdentityHubFactory(settings, environment: "Production");
        var error = Assert.ThrowsAny<Exception>(() => hub.CreateClient());
        Assert.Contains("Identity:TrustedProxies", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Production_refuses_to_start_without_a_data_protection_certificate()
    {
        using var hub = new IdentityHubFactory(new Dictionary<string, string?> { ["Identity:Demo:Enabled"] = "false", ["Identity:Keys:DataProtectionCertificatePath"] = "" }, environment: "Production");
        var error = Assert.ThrowsAny<Exception>(() => hub.CreateClient());
        Assert.Contains("Identity:Keys:DataProtectionCertificatePath", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_encrypts_data_protection_keys_sends_hsts_and_marks_cookies_secure()
    {
        var settings = new Dictionary<string, string?> { ["Identity:Demo:Enabled"] = "false", ["Site:PublicBaseUrl"] = "https://hub.example.org/" };
        using var hub = new IdentityHubFactory(settings, environment: "Production");
        using var response = await hub.CreateClient(new() { BaseAddress = new Uri("https://hub.example.org"), AllowAutoRedirect = false })
            .GetAsync(new Uri("/account/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        var keyFiles = Directory.GetFiles(Path.Combine(hub.EffectiveDataPath, "keys", "data-protection"), "*.xml");
        Assert.NotEmpty(keyFiles);
        Assert.All(keyFiles, f =>
        {
            var xml = File.ReadAllText(f);
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }

    private static string WriteCertificate(string folder, string name, string subject, X509KeyUsageFlags usage) =>
        TestCertificates.Write(folder, name, subject, usage);
}
