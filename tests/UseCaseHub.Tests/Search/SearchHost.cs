using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Search.Lucene;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.Search;

/// <summary>The store, the Lucene engine and the indexer over one data folder, as the host wires them: "restart" by disposing and creating another.</summary>
internal sealed class SearchHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <summary>A small content folder (a use case and a best practice): the indexer's behaviour does not depend on volume.</summary>
    private static readonly Lazy<string> Content = new(() =>
    {
        var content = new ContentFolder();
        content.Write("use-cases/kenya.md", ContentFolder.UseCase());
        content.Write("use-cases/fiji.md", ContentFolder.UseCase(pid: "UC-2026-00002", slug: "fiji-reef", title: "Reef buoys in Fiji", countries: "[FJ]", sdgs: "[14]", targets: "[]"));
        content.Write("best-practices/lpwan.md", ContentFolder.BestPractice());
        return content.Root;
    });

    /// <param name="dataPath">The data folder (store and index).</param>
    /// <param name="clock">The indexer's clock (leases, positions), when a test moves time.</param>
    public SearchHost(string dataPath, TimeProvider? clock = null)
    {
        _services = TestServices.Build(dataPath, Content.Value, new Dictionary<string, string?> { ["Search:PollSeconds"] = "3600" },
            (services, configuration) => services.AddSingleton(clock ?? TimeProvider.System).AddHubSearchCore(configuration).AddLuceneSearch(configuration));
    }

    public ISearchEngine Engine => _services.GetRequiredService<ISearchEngine>();
    public SearchIndexer Indexer => _services.GetRequiredService<SearchIndexer>();

    /// <summary>Migrates and seeds the store, then starts the indexer as the host would (check, rebuild if needed, drain).</summary>
    public async Task StartAsync(bool indexer = true)
    {
        await RunAsync<StoreInitializer>(s => s.InitializeAsync());
        if (indexer)
        {
            await Indexer.StartAsync(CancellationToken.None);
        }
    }

    public Task StopIndexerAsync() => Indexer.StopAsync(CancellationToken.None);

    public Task ImportAsync() => RunAsync<ContentImporter>(importer => importer.ImportAsync());

    public Task<T> RunAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull => _services.RunScopedAsync(work);

    public Task RunAsync<TService>(Func<TService, Task> work)
        where TService : notnull => _services.RunScopedAsync(work);

    public async ValueTask DisposeAsync()
    {
        await Indexer.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
