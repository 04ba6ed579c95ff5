using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Hosts;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Core.Search;

/// <summary>
/// Keeps the index in line with the store: on start it rebuilds an index that is missing, corrupt or
/// disagrees with the store, then follows the outbox whenever a save nudges it (or every poll interval).
/// <para>
/// Several hosts may share one store. An engine whose index all hosts share (Elasticsearch) is fed by one host at a
/// time, the holder of the <see cref="LeaseName"/> lease: it drains the outbox as a queue (rows deleted after the
/// engine committed them, failures retried with backoff), so no change is indexed by two hosts. An engine with an index
/// per host (Lucene) must see every change on every host, so each host follows the outbox by position (recorded in
/// <see cref="SearchIndexPosition"/>) and never deletes rows itself; the lease holder removes the rows every index seen
/// lately has passed.
/// </para>
/// </summary>
public sealed class SearchIndexer(
    IServiceScopeFactory scopes, ISearchEngine engine, IOptions<SearchOptions> options, IOptions<HubHostOptions> hosts,
    ILogger<SearchIndexer> logger, TimeProvider clock) : IHostedService, IDisposable
{
    public const string LeaseName = "search-outbox";

    /// <summary>
    /// On PostgreSQL an outbox id is taken at insert and committed later, so a smaller id can appear after a larger one
    /// was read. A host's position passes a missing id only once the rows after it are this old (changes beyond the gap
    /// are indexed at once all the same). SQLite has one writer at a time, so its ids commit in order: no wait there.
    /// </summary>
    private static readonly TimeSpan LateCommitGrace = TimeSpan.FromSeconds(60);

    /// <summary>An idle host still says it is alive this often, so the clean-up keeps waiting for it.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _nudge = new(0, int.MaxValue);
    private readonly string? _indexKey = engine.LocalIndex is { } local ? IndexKey(local) : null;
    private readonly HashSet<long> _appliedAbove = [];
    private CancellationTokenSource? _stopping;
    private Task? _loop;
    private Task? _leaseLoop;
    private readonly LeaseClaim _lease = new(LeaseName, hosts.Value.HolderName(), TimeSpan.FromSeconds(hosts.Value.LeaseSeconds), clock);
    private bool _heldLogged;
    private long? _position;
    private DateTimeOffset _positionSaved;

    /// <summary>
    /// The taxonomy lookups documents are made with, read once (and again by a rebuild) rather than with seven queries
    /// per outbox batch: taxonomies change only with a seed update, which restarts the host.
    /// </summary>
    private SearchDocuments? _documents;

    /// <summary>This host's name as a lease holder.</summary>
    public string Holder => _lease.Holder;

    /// <summary>Whether this host's claim on the outbox lease still runs (its last renewal began less than a lease ago).</summary>
    public bool HoldsLease => _lease.Held;

    /// <summary>Every outbox row up to this id is in this host's own index (null for a shared index or before the first pass).</summary>
    public long? Position => _position;

    private TimeSpan LeaseDuration => TimeSpan.FromSeconds(hosts.Value.LeaseSeconds);

    /// <summary>How long the clean-up waits for an index not seen: past it, rows this index never took may be gone.</summary>
    private TimeSpan Stale => TimeSpan.FromMinutes(hosts.Value.IndexStaleMinutes);

    private bool Local => _indexKey is not null;
    /// <summary>1 while indexing fails (logged when it starts and when it ends, not at every retry).</summary>
    private int _failing;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _heldLogged = await TryHoldAsync(cancellationToken);
        // A shared index is checked and rebuilt by the lease holder only: two hosts rebuilding it at once would race.
        if (options.Value.SyncOnStart && (Local || _lease.Held))
        {
            try
            {
                await SyncAsync(cancellationToken);
            }
            catch (SearchUnavailableException exception)
            {
                // A remote engine that is down must not keep the site from starting: pages work, search says it is
                // unavailable, and the outbox keeps every change until the indexer's next pass gets through.
                logger.LogWarning(exception, "Search engine unavailable at start; pending changes stay in the outbox");
            }
        }

        SearchOutbox.Written += OnWritten;
        _stopping = new CancellationTokenSource();
        _leaseLoop = Task.Run(() => KeepLeaseAsync(_stopping.Token), CancellationToken.None);
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    public Task StopAsync(CancellationToken cancellationToken) => StopAsync(release: true, cancellationToken);

    /// <summary>
    /// Stops following the outbox; <paramref name="release"/> false leaves the lease to lapse as a killed host's
    /// would (for crash drills and the two-host test).
    /// </summary>
    public async Task StopAsync(bool release, CancellationToken cancellationToken = default)
    {
        SearchOutbox.Written -= OnWritten;
        // Stopping twice (tests, factories) is harmless.
        var stopping = Interlocked.Exchange(ref _stopping, null);
        var loop = Interlocked.Exchange(ref _loop, null);
        var leaseLoop = Interlocked.Exchange(ref _leaseLoop, null);
        if (stopping is null || loop is null || leaseLoop is null)
        {
            return;
        }

        await stopping.CancelAsync();
        await loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await leaseLoop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
        if (release && _lease.Held)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await _lease.ReleaseAsync(scope.ServiceProvider.GetRequiredService<HubDbContext>(), cancellationToken);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                logger.LogWarning(exception, "Could not give back the search outbox lease; it lapses by itself");
            }
        }
    }

    private void OnWritten(object? sender, EventArgs e) => _nudge.Release();

    private async Task<bool> TryHoldAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            return await _lease.RenewAsync(db, cancellationToken);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or OutOfMemoryException))
        {
            // Not knowing means not holding: a host that cannot reach the store must not act as the holder.
            logger.LogWarning(exception, "Could not renew the search outbox lease");
            return false;
        }
    }

    /// <summary>Renews the lease at a third of its duration, so one late renewal does not lose it.</summary>
    private async Task KeepLeaseAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(LeaseDuration / 3, stopping);
                var held = await TryHoldAsync(stopping);
                if (held != _heldLogged)
                {
                    logger.LogInformation("This host ({Holder}) now holds the search outbox lease: {Held}", Holder, held);
                    _heldLogged = held;
                    if (held)
                    {
                        _nudge.Release();
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

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
        var missedRows = false;
        if (Local)
        {
            var known = await LoadPositionAsync(cancellationToken);
            // Not seen for longer than the clean-up waits: rows this index never took may be gone.
            missedRows = known is not null && known.SeenAt < clock.GetUtcNow() - Stale;
            // No row yet (first start, or an upgrade from a single host that deleted what it indexed): what the outbox holds is what is missing.
            _position = known?.Position ?? 0;
            // Counted at once, so the clean-up keeps the rows this index still needs while it catches up or rebuilds.
            await using var registering = scopes.CreateAsyncScope();
            await SavePositionAsync(registering.ServiceProvider.GetRequiredService<HubDbContext>(), clock.GetUtcNow(), cancellationToken);
        }

        if (!state.Recreated && !missedRows)
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
        if (state.Recreated || missedRows || count != stored || state.Fingerprint != fingerprint)
        {
            logger.LogWarning("Search index out of line with the store (recreated: {Recreated}, missed outbox rows: {Missed}, {Count} indexed, {Stored} stored, fingerprint {Index} vs {Store}); rebuilding",
                state.Recreated, missedRows, count, stored, state.Fingerprint, fingerprint);
            await RebuildAsync(null, cancellationToken);
        }
    }

    /// <summary>Re-reads every entry into a fresh index. Outbox rows written before it started are covered by it.</summary>
    public async Task<long> RebuildAsync(IProgress<int>? progress, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await RebuildUnderGateAsync(progress, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<long> RebuildUnderGateAsync(IProgress<int>? progress, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var settled = clock.GetUtcNow() - Grace(db);
        var covered = await db.SearchOutbox.Where(i => i.EnqueuedAt <= settled).MaxAsync(i => (long?)i.Id, cancellationToken);
        if (Local)
        {
            // Every id up to any index's saved position was committed (or will never be) when it was saved, so the
            // rebuild below covers it: a host that starts next to another need not wait out the grace on rows the
            // other's clean-up already removed.
            var passed = await db.SearchIndexPositions.MaxAsync(p => (long?)p.Position, cancellationToken);
            covered = Math.Max(covered ?? 0, passed ?? 0);
        }

        var fingerprint = await SearchDocuments.FingerprintAsync(db, cancellationToken);
        var documents = _documents = await SearchDocuments.CreateAsync(db, scope.ServiceProvider.GetRequiredService<ITaxonomyLabels>(), cancellationToken);
        await engine.RebuildAsync(documents.AllAsync(db, cancellationToken: cancellationToken), fingerprint, progress, cancellationToken);
        if (Local)
        {
            // Other hosts still need the rows: only this index's position moves.
            _appliedAbove.Clear();
            _position = Math.Max(_position ?? 0, covered ?? 0);
            await SavePositionAsync(db, clock.GetUtcNow(), cancellationToken);
        }
        else if (covered is { } done && (_leaseLoop is null || _lease.Held))
        {
            await db.SearchOutbox.Where(i => i.Id <= done).ExecuteDeleteAsync(cancellationToken);
        }

        var count = await engine.CountAsync(cancellationToken);
        logger.LogInformation("Search index rebuilt: {Count} documents", count);
        return count;
    }

    /// <summary>
    /// Brings the index up to date with the outbox, batch by batch; returns how many rows were applied. A host-local
    /// index follows every row; a shared one is fed only by the lease holder (elsewhere this does nothing).
    /// </summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var done = 0;
            if (Local)
            {
                while (await FollowBatchAsync(cancellationToken) is var batch and > 0)
                {
                    done += batch;
                }

                if (await HoldingAsync(cancellationToken))
                {
                    await PruneAsync(cancellationToken);
                }

                return done;
            }

            // Checked per batch: a host that lost the lease mid-drain stops after the batch in hand.
            while (await HoldingAsync(cancellationToken) && await DrainBatchAsync(cancellationToken) is var batch and > 0)
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

    /// <summary>Whether the claim still runs; without the renewal loop (tools, tests driving the indexer by hand) renewed now.</summary>
    private async Task<bool> HoldingAsync(CancellationToken cancellationToken) =>
        _leaseLoop is null ? await TryHoldAsync(cancellationToken) : _lease.Held;

    private async Task<int> DrainBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = clock.GetUtcNow();
        var items = await db.SearchOutbox.Where(i => i.NextAttemptAt <= now).OrderBy(i => i.Id)
            .Take(options.Value.BatchSize).ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return 0;
        }

        try
        {
            await ApplyAsync(db, scope.ServiceProvider, items.Select(i => i.EntryId), cancellationToken);
            // The claim may have lapsed while the engine worked: another holder may be applying these rows now, so they
            // stay for it (a change applied twice is harmless, a lost one is not); the drain stops at its next check.
            if (_lease.Held)
            {
                // Only these rows: a change queued meanwhile for the same entry keeps its own row.
                db.SearchOutbox.RemoveRange(items);
                await db.SaveChangesAsync(cancellationToken);
            }

            IndexingWorks(items.Count);
            return items.Count;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            IndexingFails(exception, items.Count);
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

    /// <summary>
    /// One batch of rows past this index's position. A failure is retried at the next pass (a save's nudge or the poll):
    /// the rows are shared with other hosts, so their retry counters are not this host's to change.
    /// </summary>
    private async Task<int> FollowBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        if (_position is null)
        {
            var known = await LoadPositionAsync(cancellationToken);
            (_position, _positionSaved) = (known?.Position ?? 0, known?.SeenAt ?? default);
        }

        // The position is saved at every pass that works (at least every heartbeat). Not saved for as long as the
        // clean-up waits (indexing failed all that time, or the process was paused): the lease holder no longer waits for
        // this index and may have removed rows past its position it never took. Following on would miss them for good.
        if (_positionSaved != default && clock.GetUtcNow() - _positionSaved >= Stale)
        {
            logger.LogWarning("This search index has not followed the outbox since {Saved:u}, longer than the clean-up waits ({Minutes} min): rows it needed may be gone; rebuilding",
                _positionSaved, hosts.Value.IndexStaleMinutes);
            await RebuildUnderGateAsync(null, cancellationToken);
            return 0;
        }

        var position = _position.Value;
        var rows = await db.SearchOutbox.AsNoTracking().Where(i => i.Id > position).OrderBy(i => i.Id)
            .Take(options.Value.BatchSize + _appliedAbove.Count)
            .Select(i => new { i.Id, i.EntryId, i.EnqueuedAt }).ToListAsync(cancellationToken);
        var fresh = rows.Where(r => !_appliedAbove.Contains(r.Id)).Take(options.Value.BatchSize).ToList();
        if (fresh.Count > 0)
        {
            try
            {
                await ApplyAsync(db, scope.ServiceProvider, fresh.Select(r => r.EntryId), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The position is not saved while this fails, so a long failure ends in a rebuild (above).
                IndexingFails(exception, fresh.Count);
                return 0;
            }

            IndexingWorks(fresh.Count);
            _appliedAbove.UnionWith(fresh.Select(r => r.Id));
        }

        // The position passes applied rows in order, and a missing id only once the rows after it have settled.
        var now = clock.GetUtcNow();
        var settled = now - Grace(db);
        var next = position;
        foreach (var row in rows)
        {
            if (!_appliedAbove.Contains(row.Id) || (row.Id != next + 1 && row.EnqueuedAt > settled))
            {
                break;
            }

            next = row.Id;
        }

        _appliedAbove.RemoveWhere(id => id <= next);
        if (next != position || now - _positionSaved >= Heartbeat)
        {
            _position = next;
            await SavePositionAsync(db, now, cancellationToken);
        }

        return fresh.Count;
    }

    private async Task ApplyAsync(HubDbContext db, IServiceProvider services, IEnumerable<Guid> entryIds, CancellationToken cancellationToken)
    {
        var ids = entryIds.ToHashSet();
        _documents ??= await SearchDocuments.CreateAsync(db, services.GetRequiredService<ITaxonomyLabels>(), cancellationToken);
        var documents = await _documents.LoadAsync(db, ids, cancellationToken);
        var gone = ids.Except(documents.Select(d => d.Id)).ToList();
        await engine.ApplyAsync(documents, gone, await SearchDocuments.FingerprintAsync(db, cancellationToken), cancellationToken);
    }

    /// <summary>The lease holder removes the rows every host-local index seen lately has passed.</summary>
    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var alive = clock.GetUtcNow() - Stale;
        var passed = await db.SearchIndexPositions.Where(p => p.SeenAt >= alive).MinAsync(p => (long?)p.Position, cancellationToken);
        // Asked again right before deleting: the claim may have lapsed during the query (and another holder pruned with newer positions).
        if (passed is { } done and > 0 && _lease.Held)
        {
            await db.SearchOutbox.Where(i => i.Id <= done).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private async Task<SearchIndexPosition?> LoadPositionAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().SearchIndexPositions.AsNoTracking()
            .FirstOrDefaultAsync(p => p.Index == _indexKey, cancellationToken);
    }

    /// <summary>Logged once per episode (a full disk or a read-only index folder fails every batch until it is fixed).</summary>
    private void IndexingFails(Exception exception, int rows)
    {
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            logger.LogError(exception, "Search index cannot be written: indexing {Count} outbox rows failed; the changes stay queued and are retried", rows);
        }
        else
        {
            logger.LogDebug(exception, "Indexing {Count} outbox rows failed again", rows);
        }
    }

    private void IndexingWorks(int rows)
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1)
        {
            logger.LogWarning("Search indexing works again: {Count} waiting changes indexed", rows);
        }
    }

    private async Task SavePositionAsync(HubDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var position = _position ?? 0;
        var updated = await db.SearchIndexPositions.Where(p => p.Index == _indexKey)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.Position, position).SetProperty(p => p.SeenAt, now), cancellationToken);
        if (updated == 0)
        {
            db.SearchIndexPositions.Add(new SearchIndexPosition { Index = _indexKey!, Position = position, SeenAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }

        _positionSaved = now;
    }

    private static TimeSpan Grace(HubDbContext db) => db.Database.IsSqlite() ? TimeSpan.Zero : LateCommitGrace;

    /// <summary>The machine and the folder: the same folder name on two machines is two indexes.</summary>
    private static string IndexKey(string local)
    {
        var key = $"{Environment.MachineName}:{local}";
        return key.Length <= 200 ? key : key[..130] + "#" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    public void Dispose()
    {
        _stopping?.Dispose();
        _gate.Dispose();
        _nudge.Dispose();
    }
}
