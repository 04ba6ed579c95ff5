using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Identity;

/// <summary>
/// The real host with demo accounts and client, cheap password hashing and generous rate limits; extra settings,
/// test services and a data directory shared with other hosts are optional.
/// </summary>
public class IdentityHubFactory : HubFactory
{
    public const string DemoPassword = "Demo-pass-2026";
    public const string DemoSecret = "demo-client-secret";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly string? _environment;

    public IdentityHubFactory() : this(null)
    {
    }

    internal IdentityHubFactory(IDictionary<string, string?>? settings, Action<IServiceCollection>? services = null, string? sharedDataPath = null, string? environment = null)
    {
        _settings = new(StringComparer.Ordinal)
        {
            ["Identity:Demo:Enabled"] = "true",
            ["Identity:PasswordHashIterations"] = "1000",
            ["Identity:RateLimits:FormPostsPerMinute"] = "10000",
            ["Identity:RateLimits:TokenRequestsPerMinute"] = "10000",
        };
        if (sharedDataPath is not null)
        {
            _settings["Hub:DataPath"] = sharedDataPath;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        // Outside Development and Testing the hub insists on a certificate for its data-protection keys: Production
        // starts get one unless a test says otherwise (an empty path).
        if (environment is not null && environment != "Development" && environment != "Testing" && !_settings.ContainsKey("Identity:Keys:DataProtectionCertificatePath"))
        {
            _settings["Identity:Keys:DataProtectionCertificatePath"] = TestCertificates.Write(
                DataPath, "data-protection.pfx", "CN=Operator data protection", System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.KeyEncipherment);
            _settings["Identity:Keys:DataProtectionCertificatePassword"] = TestCertificates.Password;
        }

        if (environment is not null && environment != "Testing")
        {
            // Outside Development and Testing the hub needs its public address; the test server answers as localhost.
            _settings.TryAdd("Site:PublicBaseUrl", "http://localhost/");
        }

        _services = services;
        _environment = environment;
        EffectiveDataPath = sharedDataPath ?? DataPath;
    }

    /// <summary>The data directory the host really uses (shared or its own).</summary>
    public string EffectiveDataPath { get; }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => _settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_environment is not null)
        {
            builder.UseEnvironment(_environment);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<Guid> DemoOrganizationIdAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.Organizations.Where(o => o.Slug == "demo-organisation").Select(o => o.Id).SingleAsync();
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider);
    }
}
