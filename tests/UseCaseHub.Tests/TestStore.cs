using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests;

/// <summary>A real SQLite store in a temporary folder, migrated and seeded, with the core services.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestStore(ServiceProvider services, string dataPath)
    {
        _services = services;
        DataPath = dataPath;
    }

    public string DataPath { get; }

    public static async Task<TestStore> CreateAsync(string? contentPath = null)
    {
        var dataPath = TestPaths.NewTemporaryFolder();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hub:DataPath"] = dataPath,
            ["Hub:SeedsPath"] = TestPaths.Seeds,
            ["Hub:ContentPath"] = contentPath ?? TestPaths.Content,
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = dataPath, EnvironmentName = "Testing" })
            .AddHubStore(configuration)
            .AddHubContent()
            .BuildServiceProvider(validateScopes: true);
        var store = new TestStore(services, dataPath);
        await store.RunAsync<StoreInitializer>(s => s.InitializeAsync());
        return store;
    }

    /// <summary>Runs work in its own scope, as a request would.</summary>
    public async Task<T> RunAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task RunAsync<TService>(Func<TService, Task> work)
        where TService : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task<ImportReport> ImportAsync(string root) =>
        RunAsync<ContentImporter, ImportReport>(importer => importer.ImportAsync(root, progress: null));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataPath, recursive: true);
    }
}
