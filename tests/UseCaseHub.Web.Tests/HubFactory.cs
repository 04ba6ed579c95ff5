using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests;

/// <summary>
/// The real host over a real SQLite file in a temporary folder, seeded and loaded with a content folder
/// (the test fixture folder by default). Share one per test class with <c>IClassFixture</c>.
/// </summary>
public class HubFactory : WebApplicationFactory<Program>
{
    public string DataPath { get; } = TestPaths.NewTemporaryFolder();

    /// <summary>The content folder imported on start.</summary>
    public virtual string ContentPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "content");

    /// <summary>Extra configuration a test class needs (key, value).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Hub:DataPath", DataPath);
        builder.UseSetting("Hub:SeedsPath", TestPaths.Seeds);
        builder.UseSetting("Hub:ContentPath", ContentPath);
        // The suite sends many requests from one address: per-client rate limits are off here, on in RateLimitTests.
        builder.UseSetting("Identity:RateLimits:Enabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataPath, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS to clean; the test result does not depend on it.
            }
        }
    }
}

/// <summary>The host loaded with the repository's real content/ folder.</summary>
public sealed class RealContentHubFactory : HubFactory
{
    public override string ContentPath => TestPaths.Content;
}
