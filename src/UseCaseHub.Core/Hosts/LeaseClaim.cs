using UseCaseHub.Core.Store;

namespace UseCaseHub.Core.Hosts;

/// <summary>
/// One holder's view of a <see cref="HubLease"/>: held only until <c>attempt start + duration</c> of its last successful
/// take or renewal, by this host's clock. A flag set at the last renewal would stay true through a renewal that stalls
/// longer than the lease (a paused process, a slow store), while another host has already taken it: two holders.
/// </summary>
public sealed class LeaseClaim(string name, string holder, TimeSpan duration, TimeProvider clock)
{
    /// <summary>UTC ticks until which the claim runs; 0 when not held.</summary>
    private long _validUntil;

    public string Name { get; } = name;

    public string Holder { get; } = holder;

    /// <summary>Whether the claim still runs now; ask it right before acting as the holder.</summary>
    public bool Held => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _validUntil);

    /// <summary>Takes or renews the lease; the claim counts from before the attempt, so time spent waiting on the store is not added to it.</summary>
    public async Task<bool> RenewAsync(HubDbContext db, CancellationToken cancellationToken = default)
    {
        var start = clock.GetUtcNow();
        try
        {
            var taken = await DbLease.TryHoldAsync(db, Name, Holder, duration, start, cancellationToken);
            Interlocked.Exchange(ref _validUntil, taken ? (start + duration).UtcTicks : 0);
            return taken;
        }
        catch
        {
            // Not knowing means not holding.
            Interlocked.Exchange(ref _validUntil, 0);
            throw;
        }
    }

    /// <summary>Stops acting as the holder and gives the lease back, so another host need not wait for it to lapse.</summary>
    public Task<int> ReleaseAsync(HubDbContext db, CancellationToken cancellationToken = default)
    {
        Interlocked.Exchange(ref _validUntil, 0);
        return DbLease.ReleaseAsync(db, Name, Holder, clock.GetUtcNow(), cancellationToken);
    }
}
