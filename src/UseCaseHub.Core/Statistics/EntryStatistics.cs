using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Core.Statistics;

/// <summary>One of the most viewed entries: what a list needs to link to it.</summary>
public sealed record ViewedEntry(Guid Id, string Pid, EntryKind Kind, string Slug, string Title, string Language, long Views);

/// <summary>Writes the counters' batches and reads the figures the entry page and the insights show.</summary>
public static class EntryStatistics
{
    /// <summary>
    /// Adds <paramref name="counts"/> to the stored rows, as one transaction: an increment in the database for rows that
    /// exist (so two hosts flushing the same entry and day both count), an insert for the others. Plain EF statements, so
    /// it runs the same on SQLite and PostgreSQL. On failure nothing is written and the caller puts the counts back: a
    /// row another host inserted meanwhile is then incremented on the next attempt.
    /// </summary>
    public static async Task FlushAsync(HubDbContext db, IReadOnlyCollection<EntryDailyStat> counts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stats = db.Set<EntryDailyStat>();
        foreach (var count in counts)
        {
            var (id, day, views, downloads) = (count.EntryId, count.Day, count.Views, count.Downloads);
            var updated = await stats.Where(s => s.EntryId == id && s.Day == day)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Views, x => x.Views + views).SetProperty(x => x.Downloads, x => x.Downloads + downloads), cancellationToken);
            if (updated == 0)
            {
                stats.Add(new EntryDailyStat { EntryId = id, Day = day, Views = views, Downloads = downloads });
            }
        }

        // Counters are anonymous aggregates, not anyone's act: no audit record (one per flush would flood the log).
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Stored views of one entry from <paramref name="since"/> (inclusive) to <paramref name="before"/> (exclusive).</summary>
    public static async Task<long> ViewsBetweenAsync(HubDbContext db, Guid entryId, DateOnly since, DateOnly before, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<EntryDailyStat>().Where(s => s.EntryId == entryId && s.Day >= since && s.Day < before).SumAsync(s => s.Views, cancellationToken);
    }

    /// <summary>The first day of the calendar quarter (UTC) holding <paramref name="day"/>: "this quarter" starts there.</summary>
    public static DateOnly QuarterStart(DateOnly day) => new(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1);

    /// <summary>
    /// The most viewed entries from <paramref name="since"/> on, public entries only (the one visibility rule), most views
    /// first, then by identifier so that ties keep one order.
    /// </summary>
    public static async Task<IReadOnlyList<ViewedEntry>> MostViewedAsync(HubDbContext db, DateOnly since, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var totals = db.Set<EntryDailyStat>().Where(s => s.Day >= since && s.Views > 0)
            .GroupBy(s => s.EntryId).Select(g => new { EntryId = g.Key, Views = g.Sum(s => s.Views) });
        var rows = await totals.Join(db.Entries.AsNoTracking().PublicOnly().Canonical(), t => t.EntryId, e => e.Id,
                (t, e) => new { e.Id, e.Pid, IsUseCase = e is UseCase, e.Slug, e.Title, e.Language, t.Views })
            .OrderByDescending(r => r.Views).ThenBy(r => r.Pid).Take(take).ToListAsync(cancellationToken);
        return rows.Select(r => new ViewedEntry(r.Id, r.Pid, r.IsUseCase ? EntryKind.UseCase : EntryKind.BestPractice, r.Slug, r.Title, r.Language, r.Views)).ToList();
    }
}
