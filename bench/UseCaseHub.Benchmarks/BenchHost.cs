using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace UseCaseHub.Benchmarks;

/// <summary>The real host (Program) on a loopback Kestrel port over the benchmark's data folder.</summary>
internal sealed class BenchHost(string dataPath, string seedsPath, IEnumerable<KeyValuePair<string, string?>> store) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in store)
        {
            builder.UseSetting(key, value);
        }

        builder.UseContentRoot(Path.Combine(UseCaseHub.Testing.TestPaths.Repository, "src", "UseCaseHub.Web"));
        builder.UseEnvironment("Production");
        builder.UseSetting("Hub:DataPath", dataPath);
        builder.UseSetting("Hub:SeedsPath", seedsPath);
        builder.UseSetting("Hub:ImportContentOnStart", "false");
        // Production requires the public address mail links are built from; the benchmark sends no mail.
        builder.UseSetting("Site:PublicBaseUrl", "http://localhost/");
        // Loopback clients name the host by address (wrk and Kestrel's own base address use 127.0.0.1).
        builder.UseSetting("AllowedHosts", "localhost;127.0.0.1;[::1]");
        // The benchmark is one client hammering /api/search: with the limits on it would measure 429s.
        builder.UseSetting("Identity:RateLimits:Enabled", "false");
        // Production insists on data-protection keys encrypted at rest; a throwaway certificate in the data folder does.
        var certificate = Path.Combine(dataPath, "bench-data-protection.pfx");
        if (!File.Exists(certificate))
        {
            UseCaseHub.Testing.TestCertificates.Write(dataPath, "bench-data-protection.pfx", "CN=Benchmark data protection",
                System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.KeyEncipherment);
        }

        builder.UseSetting("Identity:Keys:DataProtectionCertificatePath", certificate);
        builder.UseSetting("Identity:Keys:DataProtectionCertificatePassword", UseCaseHub.Testing.TestCertificates.Password);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
    }
}
