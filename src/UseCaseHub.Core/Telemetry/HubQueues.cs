using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Notifications;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Core.Telemetry;

/// <summary>What is waiting: the search outbox (changes the index has not caught up with) and the mail queue.</summary>
/// <param name="OutboxPending">Outbox rows not yet indexed.</param>
/// <param name="OldestOutboxItem">When the oldest of them was queued; null when the outbox is empty.</param>
/// <param name="MailPending">Notification mails still to send.</param>
public sealed record HubQueues(int OutboxPending, DateTimeOffset? OldestOutboxItem, int MailPending)
{
    /// <summary>How far the index lags behind the store: the age of the oldest pending change (zero when none).</summary>
    public TimeSpan OutboxLag(DateTimeOffset now) =>
        OldestOutboxItem is { } oldest && now > oldest ? now - oldest : TimeSpan.Zero;

    /// <summary>
    /// Three small indexed queries; read by the readiness check and the metrics sampler alike. With an index per host
    /// (Lucene) the outbox keeps rows until every host seen lately has passed them, so one stopped host would make every
    /// other host look behind: only the rows past this host's own position count. A shared index (Elasticsearch) is fed
    /// from the whole table, and its indexer has no position.
    /// </summary>
    public static async Task<HubQueues> ReadAsync(HubDbContext db, SearchIndexer indexer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indexer);
        var after = indexer.Position ?? 0;
        var waiting = db.SearchOutbox.Where(i => i.Id > after);
        var pending = await waiting.CountAsync(cancellationToken);
        var oldest = pending == 0
            ? null
            : await waiting.OrderBy(i => i.EnqueuedAt).Select(i => (DateTimeOffset?)i.EnqueuedAt).FirstOrDefaultAsync(cancellationToken);
        var mail = await db.Notifications.CountAsync(n => n.Mail == MailState.Pending, cancellationToken);
        return new HubQueues(pending, oldest, mail);
    }
}
