using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests;

/// <summary>
/// The real host over a real SQLite file in a temporary folder (or, when <see cref="Provider"/> says so, a new
/// PostgreSQL database of its own), seeded and loaded with a content folder (the test fixture folder by default).
/// Share one per test class with <c>IClassFixture</c>.
/// </summary>
public class HubFactory : WebApplicationFactory<Program>
{
    private string? _postgres;

    public string DataPath { get; } = TestPaths.NewTemporaryFolder();

    /// <summary>The store the host runs on; PostgreSQL variants of a test class override it (see <see cref="IPostgresVariant"/>).</summary>
    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

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
        if (Provider == StoreProvider.Postgres)
        {
            _postgres ??= PostgresTestDatabase.Create();
            foreach (var (key, value) in PostgresTestDatabase.Settings(_postgres))
            {
                builder.UseSetting(key, value);
            }
        }

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
            if (_postgres is not null)
            {
                PostgresTestDatabase.Drop(_postgres);
            }

            try
            {
                TestPaths.DeleteTemporaryFolder(DataPath);
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
