using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Notifications;
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

    /// <summary>Three small indexed queries; read by the readiness check and the metrics sampler alike.</summary>
    public static async Task<HubQueues> ReadAsync(HubDbContext db, CancellationToken cancellationToken = default)
    {
        var pending = await db.SearchOutbox.CountAsync(cancellationToken);
        var oldest = pending == 0
            ? null
            : await db.SearchOutbox.OrderBy(i => i.EnqueuedAt).Select(i => (DateTimeOffset?)i.EnqueuedAt).FirstOrDefaultAsync(cancellationToken);
        var mail = await db.Notifications.CountAsync(n => n.Mail == MailState.Pending, cancellationToken);
        return new HubQueues(pending, oldest, mail);
    }
}
