namespace UseCaseHub.Core.Audit;

/// <summary>
/// One line of the append-only audit log: who did what to which subject, when, and why. Rows are only ever added
/// (<see cref="AuditLog.EnsureAppendOnly"/>); they copy the names they show (actor, subject label) so a renamed or
/// deleted user or entry still reads as it did at the time.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>When it happened, in UTC.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The user id, a machine client's id, or null for the operator's shell and the content importer.</summary>
    public string? ActorId { get; set; }

    /// <summary>The actor as a person reads it: an email, "client demo-client", "operator alice@host", "content import".</summary>
    public string ActorName { get; set; } = "";

    /// <summary>The role the actor acted in (Member, Curator, Admin, Operator, System).</summary>
    public string ActorRole { get; set; } = "";

    /// <summary>A code from <see cref="AuditActions"/>, e.g. <c>entry.submit</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>What was acted on: <c>entry</c>, <c>user</c>, <c>organization</c>.</summary>
    public string SubjectType { get; set; } = "";

    public string? SubjectId { get; set; }

    /// <summary>The subject as a person reads it: an entry's PID and title, a user's email, an organisation's name.</summary>
    public string? SubjectLabel { get; set; }

    /// <summary>Free text given with the action, e.g. the reason for a decision.</summary>
    public string? Note { get; set; }

    /// <summary>A small JSON object: from/to status, changed fields, role, organisation.</summary>
    public string? Details { get; set; }
}
