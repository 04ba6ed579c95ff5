using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace UseCaseHub.Benchmarks;

/// <summary>The real host (Program) on a loopback Kestrel port over the benchmark's data folder.</summary>
internal sealed class BenchHost(string dataPath, string seedsPath) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(Path.Combine(UseCaseHub.Testing.TestPaths.Repository, "src", "UseCaseHub.Web"));
        builder.UseEnvironment("Production");
        builder.UseSetting("Hub:DataPath", dataPath);
        builder.UseSetting("Hub:SeedsPath", seedsPath);
        builder.UseSetting("Hub:ImportContentOnStart", "false");
        // The benchmark is one client hammering /api/search: with the limits on it would measure 429s.
        builder.UseSetting("Identity:RateLimits:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
    }
}
