using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Workflow;

/// <summary>A change of the curator assessing an entry, as the audit log records it.</summary>
public sealed record AssignmentChange(Guid EntryId, string Operation, string? From, string? To, ActorRole Role, string? ActorId, DateTimeOffset At);

/// <summary>
/// Who assesses an entry. Claim assigns the claiming curator (<see cref="EntryWorkflow.Claim"/>); after that an admin
/// reassigns to any curator, a curator takes an entry nobody holds, and the assigned curator (or an admin) releases it.
/// A curator never takes an entry another curator holds. Refusals are <see cref="EntryStateException"/>s like the moves'.
/// </summary>
public static class EntryAssignment
{
    /// <summary>The states in which an entry waits for, or is in, assessment: the only ones assignment means anything in.</summary>
    public static IReadOnlyList<EntryStatus> AssignableStates { get; } =
        [EntryStatus.Submitted, EntryStatus.UnderAssessment, EntryStatus.ReturnedForRevision];

    /// <summary>
    /// Assigns <paramref name="curator"/>: an admin may pick any curator or admin; a curator may only take an entry for
    /// themselves when nobody holds it.
    /// </summary>
    public static AssignmentChange Reassign(Entry entry, Actor actor, Actor curator, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(curator);
        const string operation = "Reassign";
        var takesFreeEntryForSelf = actor.IsCurator && actor.Id is not null && curator.Id == actor.Id && entry.AssignedCuratorId is null;
        if (!actor.IsAdmin && !takesFreeEntryForSelf)
        {
            throw Refused(entry, actor, operation, RefusalReason.NotPermitted, actor.IsCurator
                ? "A curator may only take an entry nobody holds, for themselves: an admin reassigns it."
                : $"{actor.DescribeFor(entry)} may not reassign this entry: only an admin may.");
        }

        if (!curator.SeesEverything || curator.Id is null)
        {
            throw Refused(entry, actor, operation, RefusalReason.NotPermitted, "Only a curator or an admin can be assigned an entry.");
        }

        EnsureAssignable(entry, actor, operation);
        var from = entry.AssignedCuratorId;
        entry.AssignedCuratorId = curator.Id;
        entry.AssignedAt = now;
        return new(entry.Id, operation, from, curator.Id, actor.Role, actor.Id, now);
    }

    /// <summary>The assigned curator (or an admin) gives the entry back to the shared queue.</summary>
    public static AssignmentChange Release(Entry entry, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        const string operation = "Release";
        var holds = actor.SeesEverything && actor.Id is not null && entry.AssignedCuratorId == actor.Id;
        if (!actor.IsAdmin && !holds)
        {
            throw Refused(entry, actor, operation, RefusalReason.NotPermitted,
                "Only the curator assessing this entry, or an admin, may release it.");
        }

        if (entry.AssignedCuratorId is null)
        {
            throw Refused(entry, actor, operation, RefusalReason.WrongState, "Nobody holds this entry: there is nothing to release.");
        }

        EnsureAssignable(entry, actor, operation);
        var from = entry.AssignedCuratorId;
        entry.AssignedCuratorId = null;
        entry.AssignedAt = null;
        return new(entry.Id, operation, from, null, actor.Role, actor.Id, now);
    }

    /// <summary>Whether the actor may reassign (admins) or take (a curator, an entry nobody holds) now: for showing a form.</summary>
    public static bool MayReassign(Entry entry, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        return AssignableStates.Contains(entry.Status) && (actor.IsAdmin || (actor.IsCurator && entry.AssignedCuratorId is null));
    }

    /// <summary>Whether the actor may release the entry now: for showing a button.</summary>
    public static bool MayRelease(Entry entry, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        return AssignableStates.Contains(entry.Status) && entry.AssignedCuratorId is not null
            && (actor.IsAdmin || (actor.SeesEverything && actor.Id is not null && entry.AssignedCuratorId == actor.Id));
    }

    private static void EnsureAssignable(Entry entry, Actor actor, string operation)
    {
        if (!AssignableStates.Contains(entry.Status))
        {
            throw Refused(entry, actor, operation, RefusalReason.WrongState,
                $"The entry is {entry.Status}; assignment applies only while it is {string.Join(", ", AssignableStates)}.");
        }
    }

    private static EntryStateException Refused(Entry entry, Actor actor, string operation, RefusalReason reason, string message) =>
        new(operation, entry.Status, null, actor.Role, reason, char.ToUpperInvariant(message[0]) + message[1..]);
}
