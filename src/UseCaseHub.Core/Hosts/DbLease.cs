using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Core.Hosts;

/// <summary>
/// Takes, renews and gives back a <see cref="HubLease"/> with one conditional UPDATE each (EF's ExecuteUpdate, so the
/// same code runs on SQLite and PostgreSQL): the row changes only when this holder has it or its claim has lapsed, and
/// the database serialises the two hosts' UPDATEs, so at most one of them sees "1 row".
/// </summary>
public static class DbLease
{
    /// <summary>Takes the lease or renews it for <paramref name="duration"/>; false when another holder's claim still runs.</summary>
    public static async Task<bool> TryHoldAsync(HubDbContext db, string name, string holder, TimeSpan duration, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        now = now.ToUniversalTime();
        var until = now + duration;
        var taken = await db.Leases
            .Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.Leases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        // First use of this lease: whoever inserts the row first holds it; the other's insert fails on the key.
        db.Leases.Add(new HubLease { Name = name, Holder = holder, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Gives the lease back at once (a clean stop), so another host need not wait for it to lapse.</summary>
    public static Task<int> ReleaseAsync(HubDbContext db, string name, string holder, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var past = now.ToUniversalTime().AddSeconds(-1);
        return db.Leases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, past), cancellationToken);
    }

    /// <summary>Who holds the lease now, or null when nobody does.</summary>
    public static Task<string?> HolderAsync(HubDbContext db, string name, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        now = now.ToUniversalTime();
        return db.Leases.Where(l => l.Name == name && l.ExpiresAt >= now).Select(l => l.Holder).FirstOrDefaultAsync(cancellationToken);
    }
}
