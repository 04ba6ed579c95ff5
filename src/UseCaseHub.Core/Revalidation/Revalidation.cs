using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Core.Revalidation;

/// <summary>
/// A published entry asked "still deployed?". The row is the scan's memory, so a second scan flags nothing twice; it
/// lives beside the entry (not on it) so flagging changes neither the entry's ETag nor its UpdatedAt.
/// </summary>
public sealed class RevalidationFlag
{
    public Guid EntryId { get; set; }

    /// <summary>When the owners were asked.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>When the unanswered question went to the curators; null until then.</summary>
    public DateTimeOffset? OverdueAt { get; set; }
}

internal sealed class RevalidationFlagConfiguration : IEntityTypeConfiguration<RevalidationFlag>
{
    public void Configure(EntityTypeBuilder<RevalidationFlag> flag)
    {
        flag.ToTable("RevalidationFlags");
        flag.HasKey(f => f.EntryId);
        flag.HasOne<Entry>().WithOne().HasForeignKey<RevalidationFlag>(f => f.EntryId).OnDelete(DeleteBehavior.Cascade);
        flag.HasIndex(f => f.OverdueAt);
    }
}

/// <summary>What one scan flagged: to owners (due) and to curators (overdue).</summary>
public sealed record RevalidationReport(IReadOnlyList<Entry> Due, IReadOnlyList<Entry> Overdue);

/// <summary>
/// Re-validation of published entries: the scan asks the owners of entries unconfirmed for
/// <see cref="WorkflowOptions.RevalidateAfterDays"/> (counted from the last confirmation, else publication) and hands the
/// ones still unanswered after <see cref="WorkflowOptions.RevalidationGraceDays"/> to the curators. Both flags are audit
/// records, from which the notifications follow. The owner's side answers with <see cref="Confirm"/> or by revising.
/// </summary>
public static class Revalidation
{
    public static async Task<RevalidationReport> ScanAsync(HubDbContext db, WorkflowOptions options, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var cutoff = now.AddDays(-options.RevalidateAfterDays);
        var flags = db.Set<RevalidationFlag>();
        var due = await db.Entries
            .Where(e => e.Status == EntryStatus.Published && (e.LastConfirmedAt ?? e.PublishedAt ?? e.CreatedAt) < cutoff)
            .Where(e => !flags.Any(f => f.EntryId == e.Id))
            .OrderBy(e => e.Pid)
            .ToListAsync(cancellationToken);
        foreach (var entry in due)
        {
            flags.Add(new RevalidationFlag { EntryId = entry.Id, DueAt = now });
            db.Audit(CurationAudit.Revalidation, AuditActions.RevalidationDue, "entry", entry.Id.ToString(), Label(entry),
                $"Not confirmed since {(entry.LastConfirmedAt ?? entry.PublishedAt ?? entry.CreatedAt).UtcDateTime:yyyy-MM-dd}: is it still deployed?", at: now);
        }

        var graceEnd = now.AddDays(-options.RevalidationGraceDays);
        var unanswered = await flags.Where(f => f.OverdueAt == null && f.DueAt < graceEnd).ToListAsync(cancellationToken);
        var ids = unanswered.Select(f => f.EntryId).ToList();
        var entries = await db.Entries.Where(e => ids.Contains(e.Id) && e.Status == EntryStatus.Published).ToDictionaryAsync(e => e.Id, cancellationToken);
        var overdue = new List<Entry>();
        foreach (var flag in unanswered.Where(f => entries.ContainsKey(f.EntryId)).OrderBy(f => entries[f.EntryId].Pid, StringComparer.Ordinal))
        {
            var entry = entries[flag.EntryId];
            flag.OverdueAt = now;
            overdue.Add(entry);
            db.Audit(CurationAudit.Revalidation, AuditActions.RevalidationOverdue, "entry", entry.Id.ToString(), Label(entry),
                $"Owners asked on {flag.DueAt.UtcDateTime:yyyy-MM-dd} and have not answered.", at: now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new(due, overdue);
    }

    /// <summary>
    /// The owner's side says the published entry is still deployed: records <see cref="Entry.LastConfirmedAt"/> and drops
    /// the flag. The caller audits with <see cref="AuditActions.EntryConfirm"/> and saves.
    /// </summary>
    public static void Confirm(HubDbContext db, Entry entry, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        if (!EntryWorkflow.IsOwnerSide(entry, actor))
        {
            throw new EntryStateException("Confirm", entry.Status, null, actor.Role, RefusalReason.NotPermitted,
                "Only members of the owning organisation (or an admin) may confirm this entry is still deployed.");
        }

        if (entry.Status != EntryStatus.Published)
        {
            throw new EntryStateException("Confirm", entry.Status, null, actor.Role, RefusalReason.WrongState,
                $"The entry is {entry.Status}; only a Published entry is confirmed as still deployed.");
        }

        entry.LastConfirmedAt = now;
        if (db.Set<RevalidationFlag>().Find(entry.Id) is { } flag)
        {
            db.Remove(flag);
        }
    }

    private static string Label(Entry entry) => string.IsNullOrEmpty(entry.Pid) ? entry.Title : $"{entry.Pid} {entry.Title}";
}
