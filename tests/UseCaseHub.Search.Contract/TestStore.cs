using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Taxonomies;
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
        var services = TestServices.Build(dataPath, contentPath ?? TestPaths.Content);
        var store = new TestStore(services, dataPath);
        await store.RunAsync<StoreInitializer>(s => s.InitializeAsync());
        return store;
    }

    /// <summary>Runs work in its own scope, as a request would.</summary>
    public Task<T> RunAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull => _services.RunScopedAsync(work);

    public Task RunAsync<TService>(Func<TService, Task> work)
        where TService : notnull => _services.RunScopedAsync(work);

    /// <summary>Work with the store's search documents, built as the indexer builds them (tag names in the six languages).</summary>
    public Task<T> DocumentsAsync<T>(Func<HubDbContext, SearchDocuments, Task<T>> work) =>
        RunAsync<IServiceProvider, T>(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            return await work(db, await SearchDocuments.CreateAsync(db, services.GetRequiredService<ITaxonomyLabels>()));
        });

    public Task<ImportReport> ImportAsync(string root) =>
        RunAsync<ContentImporter, ImportReport>(importer => importer.ImportAsync(root, progress: null));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataPath, recursive: true);
    }
}
