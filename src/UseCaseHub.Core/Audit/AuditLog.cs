using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Core.Audit;

/// <summary>
/// The one way every door (API, admin pages, operator commands, importer) records what it did. A record is only
/// added to the context: it is written by the same SaveChanges as the change it describes, so a failed change leaves
/// no record and a saved change never lacks one.
/// </summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static AuditEntry Audit(this HubDbContext db, AuditActor actor, string action, string subjectType, string? subjectId,
        string? subjectLabel, string? note = null, object? details = null, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var record = new AuditEntry
        {
            At = (at ?? DateTimeOffset.UtcNow).ToUniversalTime(),
            ActorId = Cut(actor.Id, 200),
            ActorName = Cut(actor.Name, 256)!,
            ActorRole = actor.Role,
            Action = action,
            SubjectType = subjectType,
            SubjectId = Cut(subjectId, 200),
            SubjectLabel = Cut(subjectLabel, 400),
            Note = Cut(note, 4000),
            Details = details is null ? null : JsonSerializer.Serialize(details, Json),
        };
        db.Add(record);
        return record;
    }

    /// <summary>An action on an entry (create, edit, retag, delete, import).</summary>
    public static AuditEntry Audit(this HubDbContext db, AuditActor actor, string action, Entry entry, string? note = null, object? details = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return db.Audit(actor, action, "entry", entry.Id.ToString(), Label(entry), note, details);
    }

    /// <summary>A workflow move, straight from the <see cref="EntryTransition"/> the workflow returned.</summary>
    public static AuditEntry Audit(this HubDbContext db, AuditActor actor, EntryTransition transition, Entry entry)
    {
        ArgumentNullException.ThrowIfNull(transition);
        ArgumentNullException.ThrowIfNull(entry);
        return db.Audit(actor with { Role = transition.Role.ToString() }, AuditActions.For(transition.Operation), "entry", transition.EntryId.ToString(),
            Label(entry), transition.Note, new { from = transition.From.ToString(), to = transition.To.ToString() }, transition.At);
    }

    /// <summary>An action on a person's account (roles, membership, organisation requests).</summary>
    public static AuditEntry Audit(this HubDbContext db, AuditActor actor, string action, HubUser user, string? note = null, object? details = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        return db.Audit(actor, action, "user", user.Id.ToString(), user.Email ?? user.UserName, note, details);
    }

    /// <summary>Takes back a record whose change failed before it was saved (e.g. an Identity call that returned an error).</summary>
    public static void Discard(this HubDbContext db, AuditEntry record)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tracked = db.Entry(record);
        if (tracked.State == EntityState.Added)
        {
            tracked.State = EntityState.Detached;
        }
    }

    /// <summary>Called by the context before every save: audit rows are never changed or deleted, whoever asks.</summary>
    public static void EnsureAppendOnly(ChangeTracker changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Entries<AuditEntry>().FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted) is { } row)
        {
            throw new AuditLogException(
                $"The audit log is append-only: row {row.Entity.Id} cannot be {(row.State == EntityState.Deleted ? "deleted" : "changed")}.");
        }
    }

    private static string Label(Entry entry) => string.IsNullOrEmpty(entry.Pid) ? entry.Title : $"{entry.Pid} {entry.Title}";

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}

/// <summary>An attempt to change or delete an audit row.</summary>
public sealed class AuditLogException : InvalidOperationException
{
    public AuditLogException()
    {
    }

    public AuditLogException(string message)
        : base(message)
    {
    }

    public AuditLogException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
