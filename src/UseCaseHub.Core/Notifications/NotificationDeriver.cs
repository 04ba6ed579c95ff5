using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Core.Notifications;

/// <summary>
/// The ONE place notifications come from: the audit records a save adds. Every door (site, API, operator command,
/// re-validation scan) already audits its moves in the same save, so each notifies without calling anything, and a
/// failed save notifies nobody. Called by <see cref="HubDbContext"/> before it writes.
/// <list type="bullet">
/// <item>submission: the assigned curator (a resubmission), else every curator;</item>
/// <item>claim, publish, return, reject: the owning organisation's members;</item>
/// <item>message: from a member to the assigned curator (else every curator), from a curator or admin to the members;</item>
/// <item>reassign: the newly assigned curator;</item>
/// <item>re-validation due: the owners (curators for an entry no organisation owns); overdue: the curators.</item>
/// </list>
/// Nobody is notified of their own act.
/// </summary>
public static class NotificationDeriver
{
    /// <summary>Raised after a save that queued mail, so a mail worker in this process can wake at once.</summary>
    public static event EventHandler? MailQueued;

    public static IReadOnlySet<string> Kinds { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        AuditActions.For(Workflow.EntryOperation.Submit), AuditActions.For(Workflow.EntryOperation.Claim),
        AuditActions.For(Workflow.EntryOperation.Publish), AuditActions.For(Workflow.EntryOperation.Return),
        AuditActions.For(Workflow.EntryOperation.Reject), AuditActions.EntryMessage, AuditActions.EntryReassign,
        AuditActions.RevalidationDue, AuditActions.RevalidationOverdue,
    };

    /// <summary>Adds the notifications for the audit records pending in <paramref name="db"/>; returns how many mails it queued.</summary>
    public static async Task<int> AddAsync(HubDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var records = db.ChangeTracker.Entries<AuditEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.SubjectType == "entry" && Kinds.Contains(e.Entity.Action))
            .Select(e => e.Entity).ToList();
        if (records.Count == 0)
        {
            return 0;
        }

        var queued = 0;
        List<Recipient>? curators = null;
        foreach (var record in records)
        {
            if (!Guid.TryParse(record.SubjectId, out var entryId) || await EntryAsync(db, entryId, cancellationToken) is not { } entry)
            {
                continue;
            }

            async Task<List<Recipient>> Curators() => curators ??= await CuratorsAsync(db, cancellationToken);
            Task<List<Recipient>> Members() => MembersAsync(db, entry.OrganizationId, cancellationToken);
            async Task<List<Recipient>> Assigned() => entry.AssignedCuratorId is { } id && Guid.TryParse(id, out var user)
                ? await UsersAsync(db.Users.Where(u => u.Id == user), cancellationToken)
                : [];

            var curatorPath = $"/curate/entries/{entry.Id}";
            var memberPath = $"/conversation/{entry.Id}";
            var (recipients, path) = record.Action switch
            {
                "entry.submit" => (await Assigned() is { Count: > 0 } held ? held : await Curators(), curatorPath),
                "entry.publish" => (await Members(), entry.Path),
                "entry.claim" or "entry.return" or "entry.reject" => (await Members(), memberPath),
                AuditActions.EntryMessage when record.ActorRole == nameof(ActorRole.Member) =>
                    (await Assigned() is { Count: > 0 } held ? held : await Curators(), curatorPath),
                AuditActions.EntryMessage => (await Members(), memberPath),
                AuditActions.EntryReassign => (await Assigned(), curatorPath),
                AuditActions.RevalidationDue when entry.OrganizationId is null => (await Curators(), entry.Path),
                AuditActions.RevalidationDue => (await Members(), entry.Path),
                _ => (await Curators(), curatorPath),
            };

            foreach (var recipient in recipients.Where(r => r.Id.ToString() != record.ActorId).DistinctBy(r => r.Id))
            {
                var mail = recipient.WantsMail ? MailState.Pending : MailState.None;
                queued += mail == MailState.Pending ? 1 : 0;
                db.Add(new Notification
                {
                    RecipientId = recipient.Id,
                    Kind = record.Action,
                    EntryId = entry.Id,
                    Subject = record.SubjectLabel ?? entry.Title,
                    Note = record.Note,
                    ActorName = record.ActorName,
                    Path = path,
                    CreatedAt = record.At,
                    Mail = mail,
                    MailNextAttemptAt = mail == MailState.Pending ? record.At : null,
                });
            }
        }

        return queued;
    }

    public static void NotifyMailQueued() => MailQueued?.Invoke(null, EventArgs.Empty);

    private sealed record Recipient(Guid Id, bool WantsMail);

    /// <summary>The entry as this save leaves it (tracked), else as stored; never through a caller's visibility filter.</summary>
    private static async Task<Entry?> EntryAsync(HubDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.ChangeTracker.Entries<Entry>().FirstOrDefault(e => e.Entity.Id == id)?.Entity
        ?? await db.Entries.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    private static Task<List<Recipient>> CuratorsAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var curatorRole = db.Roles.Where(r => r.Name == HubRoles.Curator).Select(r => r.Id);
        var ids = db.Set<IdentityUserRole<Guid>>().Where(ur => curatorRole.Contains(ur.RoleId)).Select(ur => ur.UserId);
        return UsersAsync(db.Users.Where(u => ids.Contains(u.Id)), cancellationToken);
    }

    private static async Task<List<Recipient>> MembersAsync(HubDbContext db, Guid? organization, CancellationToken cancellationToken) =>
        organization is { } id ? await UsersAsync(db.Users.Where(u => u.OrganizationId == id), cancellationToken) : [];

    private static Task<List<Recipient>> UsersAsync(IQueryable<Accounts.HubUser> users, CancellationToken cancellationToken) =>
        users.AsNoTracking().OrderBy(u => u.Id)
            .Select(u => new Recipient(u.Id, !u.NotificationMailOff && u.Email != null))
            .ToListAsync(cancellationToken);
}
