using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Workflow;

/// <summary>A move of the workflow. Decide is three operations (publish, return, reject) so each has one target state.</summary>
public enum EntryOperation
{
    Submit,
    Claim,
    Publish,
    Return,
    Reject,
    Withdraw,
    Retire,
}

/// <summary>A curator's or admin's decision on an entry under assessment.</summary>
public enum Decision
{
    Publish,
    Return,
    Reject,
}

/// <summary>
/// What happened, returned by every move: what an audit log, a notification or a version history will store
/// later without the workflow changing.
/// </summary>
public sealed record EntryTransition(
    Guid EntryId, EntryOperation Operation, EntryStatus From, EntryStatus To, ActorRole Role, string? ActorId,
    Guid? ActorOrganization, DateTimeOffset At, string? Note);

/// <summary>Why a move or an edit was refused.</summary>
public enum RefusalReason
{
    /// <summary>The entry's state does not allow it (e.g. submitting a published entry).</summary>
    WrongState,

    /// <summary>This actor may never do it to this entry (e.g. a member of another organisation).</summary>
    NotPermitted,
}

/// <summary>An illegal move or edit, never a silent no-op: the doors answer it (the API with a 409 and the message).</summary>
public sealed class EntryStateException : InvalidOperationException
{
    public EntryStateException(string operation, EntryStatus from, EntryStatus? to, ActorRole role, RefusalReason reason, string message)
        : base(message)
    {
        Operation = operation;
        From = from;
        To = to;
        Role = role;
        Reason = reason;
    }

    public EntryStateException()
        : this("", EntryStatus.Draft, null, ActorRole.Anonymous, RefusalReason.NotPermitted, "The move is not allowed.")
    {
    }

    public EntryStateException(string message)
        : this("", EntryStatus.Draft, null, ActorRole.Anonymous, RefusalReason.NotPermitted, message)
    {
    }

    public EntryStateException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = "";
    }

    /// <summary>The operation (e.g. <c>Submit</c>, <c>Edit</c>, <c>Delete</c>).</summary>
    public string Operation { get; }

    public EntryStatus From { get; }

    /// <summary>The state the move would have led to; null for edits and deletes.</summary>
    public EntryStatus? To { get; }

    public ActorRole Role { get; }

    public RefusalReason Reason { get; }
}
