using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UseCaseHub.Core.Notifications;

/// <summary>Where a notification's mail stands. The inbox row exists whatever the mail does.</summary>
public enum MailState
{
    /// <summary>No mail: the person turned mail off, or has no address.</summary>
    None,

    /// <summary>Queued: the mail worker sends it (again, after a failure) from <see cref="Notification.MailNextAttemptAt"/>.</summary>
    Pending,
    Sent,
}

/// <summary>
/// One line of a person's inbox, derived from an audit record (<see cref="NotificationDeriver"/>), and the queue of its
/// mail: a failed send stays Pending with a later attempt time, so nothing is lost when mail is down.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }

    public Guid RecipientId { get; set; }

    /// <summary>The audit action it comes from (<c>entry.submit</c>, <c>entry.message</c>...): what the texts are keyed by.</summary>
    public string Kind { get; set; } = "";

    public Guid? EntryId { get; set; }

    /// <summary>The entry as it read at the time (PID and title).</summary>
    public string Subject { get; set; } = "";

    /// <summary>The note of the audit record (a decision's reason, the re-validation question), if any.</summary>
    public string? Note { get; set; }

    /// <summary>Who acted, as the audit record names them.</summary>
    public string? ActorName { get; set; }

    /// <summary>The site path the recipient acts on (no culture prefix, no host).</summary>
    public string Path { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    public MailState Mail { get; set; }

    public int MailAttempts { get; set; }

    public DateTimeOffset? MailNextAttemptAt { get; set; }

    public DateTimeOffset? MailSentAt { get; set; }

    public string? MailLastError { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.ToTable("Notifications");
        notification.HasKey(n => n.Id);
        notification.Property(n => n.Kind).HasMaxLength(64);
        notification.Property(n => n.Subject).HasMaxLength(400);
        notification.Property(n => n.Note).HasMaxLength(4000);
        notification.Property(n => n.ActorName).HasMaxLength(256);
        notification.Property(n => n.Path).HasMaxLength(400);
        notification.Property(n => n.Mail).HasConversion<string>().HasMaxLength(16);
        notification.Property(n => n.MailLastError).HasMaxLength(1000);
        notification.HasIndex(n => new { n.RecipientId, n.ReadAt });
        notification.HasIndex(n => new { n.Mail, n.MailNextAttemptAt });
        // A deleted account takes its inbox with it.
        notification.HasOne<Accounts.HubUser>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
    }
}
