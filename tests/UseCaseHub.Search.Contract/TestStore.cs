using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests;

/// <summary>
/// A real store, migrated and seeded, with the core services: SQLite in a temporary folder, or a new PostgreSQL
/// database of its own (see <see cref="PostgresTestDatabase"/>) dropped on dispose.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string? _postgres;

    private TestStore(ServiceProvider services, string dataPath, string? postgres)
    {
        _services = services;
        DataPath = dataPath;
        _postgres = postgres;
    }

    public string DataPath { get; }

    public static async Task<TestStore> CreateAsync(string? contentPath = null, StoreProvider provider = StoreProvider.Sqlite)
    {
        var dataPath = TestPaths.NewTemporaryFolder();
        var postgres = provider == StoreProvider.Postgres ? await PostgresTestDatabase.CreateAsync() : null;
        var services = TestServices.Build(dataPath, contentPath ?? TestPaths.Content,
            postgres is null ? null : PostgresTestDatabase.Settings(postgres));
        var store = new TestStore(services, dataPath, postgres);
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
        if (_postgres is not null)
        {
            await PostgresTestDatabase.DropAsync(_postgres);
        }

        TestPaths.DeleteTemporaryFolder(DataPath);
    }
}
