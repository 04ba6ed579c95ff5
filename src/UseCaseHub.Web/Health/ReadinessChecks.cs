using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Telemetry;

namespace UseCaseHub.Web.Health;

internal sealed class StoreHealthCheck(StoreInitializer store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.IsReachableAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The store answers.")
            : HealthCheckResult.Unhealthy("The store does not answer.");
}

/// <summary>The search engine answers a count within the timeout (Lucene: the index opens; Elasticsearch: the cluster answers).</summary>
internal sealed class SearchHealthCheck(ISearchEngine engine, IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.SearchTimeoutSeconds));
        try
        {
            var documents = await engine.CountAsync(timeout.Token).WaitAsync(timeout.Token);
            return HealthCheckResult.Healthy($"The {engine.Name} index answers ({documents:N0} documents).");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The exception goes to the health check log, not into the answer.
            return HealthCheckResult.Unhealthy($"The {engine.Name} search engine does not answer.", exception);
        }
    }
}

/// <summary>The index keeps up with the store: the oldest change waiting for this host's index is younger than the limit.</summary>
internal sealed class OutboxHealthCheck(HubDbContext db, SearchIndexer indexer, IOptions<HealthOptions> options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var queues = await HubQueues.ReadAsync(db, indexer, cancellationToken);
        var lag = queues.OutboxLag(clock.GetUtcNow());
        var limit = TimeSpan.FromSeconds(options.Value.MaxOutboxLagSeconds);
        var text = $"{queues.OutboxPending} changes waiting for the index; the oldest for {lag.TotalSeconds:N0} s (limit {limit.TotalSeconds:N0} s).";
        return lag > limit ? HealthCheckResult.Unhealthy(text) : HealthCheckResult.Healthy(text);
    }
}

/// <summary>The data folder's disk has room for the store, the index and attachments to grow.</summary>
internal sealed class DiskHealthCheck(HubPaths paths, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var free = new DriveInfo(Path.GetFullPath(paths.Data)).AvailableFreeSpace / (1024 * 1024);
        var minimum = options.Value.MinFreeDiskMegabytes;
        var text = $"{free:N0} MB free in the data folder's disk (minimum {minimum:N0} MB).";
        return Task.FromResult(free < minimum ? HealthCheckResult.Unhealthy(text) : HealthCheckResult.Healthy(text));
    }
}
