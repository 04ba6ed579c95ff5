using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Core.Search;

/// <summary>
/// Keeps the index in line with the store: on start it rebuilds an index that is missing, corrupt or
/// disagrees with the store, then drains the outbox whenever a save nudges it (or every poll interval),
/// retrying failures with backoff. Outbox rows are deleted only after the index has committed them.
/// </summary>
public sealed class SearchIndexer(
    IServiceScopeFactory scopes, ISearchEngine engine, IOptions<SearchOptions> options, ILogger<SearchIndexer> logger) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _nudge = new(0, int.MaxValue);
    private CancellationTokenSource? _stopping;
    private Task? _loop;

    /// <summary>
    /// The taxonomy lookups documents are made with, read once (and again by a rebuild) rather than with seven queries
    /// per outbox batch: taxonomies change only with a seed update, which restarts the host.
    /// </summary>
    private SearchDocuments? _documents;

    /// <summary>1 while indexing fails (logged when it starts and when it ends, not at every retry).</summary>
    private int _failing;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SyncOnStart)
        {
            await SyncAsync(cancellationToken);
        }

        SearchOutbox.Written += OnWritten;
        _stopping = new CancellationTokenSource();
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        SearchOutbox.Written -= OnWritten;
        // Stopping twice (tests, factories) is harmless.
        var stopping = Interlocked.Exchange(ref _stopping, null);
        var loop = Interlocked.Exchange(ref _loop, null);
        if (stopping is null || loop is null)
        {
            return;
        }

        await stopping.CancelAsync();
        await loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private void OnWritten(object? sender, EventArgs e) => _nudge.Release();

    private async Task RunAsync(CancellationToken stopping)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _nudge.WaitAsync(poll, stopping);
                while (_nudge.CurrentCount > 0)
                {
                    await _nudge.WaitAsync(stopping);
                }

                await DrainAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                logger.LogError(exception, "Search indexer pass failed; retrying at the next poll");
            }
        }
    }

    /// <summary>Start-up check: rebuild when the index is new, corrupt or out of line, then index what the outbox holds.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken = default)
    {
        var state = await engine.StateAsync(cancellationToken);
        if (!state.Recreated)
        {
            // Draining first lets an index that only missed the outbox (a crash) catch up without a rebuild;
            // a new or recreated index is rebuilt below anyway.
            await DrainAsync(cancellationToken);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var fingerprint = await SearchDocuments.FingerprintAsync(db, cancellationToken);
        var count = await engine.CountAsync(cancellationToken);
        var stored = await SearchDocuments.CountAsync(db, cancellationToken);
        if (state.Recreated || count != stored || state.Fingerprint != fingerprint)
        {
            logger.LogWarning("Search index out of line with the store (recreated: {Recreated}, {Count} indexed, {Stored} stored, fingerprint {Index} vs {Store}); rebuilding",
                state.Recreated, count, stored, state.Fingerprint, fingerprint);
            await RebuildAsync(null, cancellationToken);
        }
    }

    /// <summary>Re-reads every entry into a fresh index. Outbox rows written before it started are covered by it.</summary>
    public async Task<long> RebuildAsync(IProgress<int>? progress, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var covered = await db.SearchOutbox.MaxAsync(i => (long?)i.Id, cancellationToken) ?? 0;
            var fingerprint = await SearchDocuments.FingerprintAsync(db, cancellationToken);
            var documents = _documents = await SearchDocuments.CreateAsync(db, scope.ServiceProvider.GetRequiredService<ITaxonomyLabels>(), cancellationToken);
            await engine.RebuildAsync(documents.AllAsync(db, cancellationToken: cancellationToken), fingerprint, progress, cancellationToken);
            await db.SearchOutbox.Where(i => i.Id <= covered).ExecuteDeleteAsync(cancellationToken);
            var count = await engine.CountAsync(cancellationToken);
            logger.LogInformation("Search index rebuilt: {Count} documents", count);
            return count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Indexes every due outbox row, batch by batch; returns how many rows were done.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var done = 0;
            while (await DrainBatchAsync(cancellationToken) is var batch and > 0)
            {
                done += batch;
            }

            return done;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> DrainBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = DateTimeOffset.UtcNow;
        var items = await db.SearchOutbox.Where(i => i.NextAttemptAt <= now).OrderBy(i => i.Id)
            .Take(options.Value.BatchSize).ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return 0;
        }

        try
        {
            var ids = items.Select(i => i.EntryId).ToHashSet();
            _documents ??= await SearchDocuments.CreateAsync(db, scope.ServiceProvider.GetRequiredService<ITaxonomyLabels>(), cancellationToken);
            var documents = await _documents.LoadAsync(db, ids, cancellationToken);
            var gone = ids.Except(documents.Select(d => d.Id)).ToList();
            await engine.ApplyAsync(documents, gone, await SearchDocuments.FingerprintAsync(db, cancellationToken), cancellationToken);
            // Only these rows: a change queued meanwhile for the same entry keeps its own row.
            db.SearchOutbox.RemoveRange(items);
            await db.SaveChangesAsync(cancellationToken);
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                logger.LogWarning("Search indexing works again: {Count} waiting changes indexed", items.Count);
            }

            return items.Count;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Logged once per episode (a full disk or a read-only index folder fails every batch until it is fixed).
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                logger.LogError(exception, "Search index cannot be written: indexing {Count} outbox rows failed; the changes stay queued and are retried with backoff", items.Count);
            }
            else
            {
                logger.LogDebug(exception, "Indexing {Count} outbox rows failed again", items.Count);
            }

            foreach (var item in items)
            {
                item.Attempts++;
                item.NextAttemptAt = now + TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, item.Attempts)));
                item.LastError = exception.Message.Length > 1000 ? exception.Message[..1000] : exception.Message;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The store cannot take the backoff either (the same full disk): the rows stay due and are tried at the next poll.
            }

            return 0;
        }
    }

    public void Dispose()
    {
        _stopping?.Dispose();
        _gate.Dispose();
        _nudge.Dispose();
    }
}
