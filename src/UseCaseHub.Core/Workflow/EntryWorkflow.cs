using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Rules;

namespace UseCaseHub.Core.Workflow;

/// <summary>What an actor may change on an entry in its current state.</summary>
public enum EditRight
{
    None,

    /// <summary>Only the tags curators fix: verticals, SDGs and targets, countries, technologies, standards.</summary>
    Tags,

    /// <summary>Every editable field.</summary>
    Full,
}

/// <summary>
/// The submission and assessment workflow as domain operations: every door (API, site, later the bulk endpoint)
/// calls these and never sets <see cref="Entry.Status"/> itself. Each move either happens and returns its
/// <see cref="EntryTransition"/> or throws <see cref="EntryStateException"/>; nothing is ever silently skipped.
/// <code>
/// Draft ─Submit→ Submitted ─Claim→ UnderAssessment ─Publish→ Published ─Retire→ Retired
///   ▲                                   ├─Return→ ReturnedForRevision ─Submit→ Submitted
///   └ (Draft, Submitted, UnderAssessment, ReturnedForRevision) ─Withdraw→ Withdrawn
///                                       └─Reject→ Rejected
/// </code>
/// Who: the owner side (members of the owning organisation; curators for an entry no organisation owns; admins)
/// submits and withdraws; curators and admins claim, decide and retire.
/// </summary>
public static class EntryWorkflow
{
    /// <summary>Tags a curator may fix on any entry in any state.</summary>
    public static IReadOnlySet<string> TagFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(Entry.Verticals), nameof(Entry.Sdgs), nameof(Entry.SdgTargets), nameof(Entry.Countries),
        nameof(Entry.Technologies), nameof(Entry.Standards),
    };

    /// <summary>States in which the owner side edits an entry's text.</summary>
    public static IReadOnlyList<EntryStatus> EditableStates { get; } = [EntryStatus.Draft, EntryStatus.ReturnedForRevision];

    private enum Side
    {
        Owner,
        Curators,
    }

    private sealed record Move(EntryStatus[] From, EntryStatus To, Side Who);

    private static readonly Dictionary<EntryOperation, Move> Moves = new()
    {
        [EntryOperation.Submit] = new([EntryStatus.Draft, EntryStatus.ReturnedForRevision], EntryStatus.Submitted, Side.Owner),
        [EntryOperation.Claim] = new([EntryStatus.Submitted], EntryStatus.UnderAssessment, Side.Curators),
        [EntryOperation.Publish] = new([EntryStatus.UnderAssessment], EntryStatus.Published, Side.Curators),
        [EntryOperation.Return] = new([EntryStatus.UnderAssessment], EntryStatus.ReturnedForRevision, Side.Curators),
        [EntryOperation.Reject] = new([EntryStatus.UnderAssessment], EntryStatus.Rejected, Side.Curators),
        [EntryOperation.Withdraw] = new(
            [EntryStatus.Draft, EntryStatus.Submitted, EntryStatus.UnderAssessment, EntryStatus.ReturnedForRevision],
            EntryStatus.Withdrawn, Side.Owner),
        [EntryOperation.Retire] = new([EntryStatus.Published], EntryStatus.Retired, Side.Curators),
    };

    /// <summary>The owner's side submits: a complete draft or a revised entry goes to the curators.</summary>
    public static EntryTransition Submit(Entry entry, Actor actor, DateTimeOffset now) => Apply(entry, actor, EntryOperation.Submit, now);

    /// <summary>A curator takes a submitted entry to assess it.</summary>
    public static EntryTransition Claim(Entry entry, Actor actor, DateTimeOffset now) => Apply(entry, actor, EntryOperation.Claim, now);

    /// <summary>A curator or admin publishes, returns (with requested changes in the note) or rejects (with a reason); the last two need the note.</summary>
    public static EntryTransition Decide(Entry entry, Actor actor, Decision decision, DateTimeOffset now, string? note = null) =>
        Apply(entry, actor, decision switch
        {
            Decision.Publish => EntryOperation.Publish,
            Decision.Return => EntryOperation.Return,
            Decision.Reject => EntryOperation.Reject,
            _ => throw new ArgumentOutOfRangeException(nameof(decision)),
        }, now, note);

    /// <summary>The owner's side takes its entry back before a decision.</summary>
    public static EntryTransition Withdraw(Entry entry, Actor actor, DateTimeOffset now, string? note = null) =>
        Apply(entry, actor, EntryOperation.Withdraw, now, note);

    /// <summary>A curator marks a published entry as no longer deployed; it stays public, marked.</summary>
    public static EntryTransition Retire(Entry entry, Actor actor, DateTimeOffset now, string? note = null) =>
        Apply(entry, actor, EntryOperation.Retire, now, note);

    /// <summary>Any move by name (what the table-driven test and a generic door use).</summary>
    public static EntryTransition Apply(Entry entry, Actor actor, EntryOperation operation, DateTimeOffset now, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        var move = Moves[operation];
        var from = entry.Status;
        if (!MayAct(move.Who, entry, actor))
        {
            throw new EntryStateException(operation.ToString(), from, move.To, actor.Role, RefusalReason.NotPermitted,
                $"{Capitalised(actor.DescribeFor(entry))} may not {Verb(operation)} this entry: only {Who(move.Who)} may.");
        }

        if (!move.From.Contains(from))
        {
            throw new EntryStateException(operation.ToString(), from, move.To, actor.Role, RefusalReason.WrongState,
                $"The entry is {from}; to {Verb(operation)} it, it must be {string.Join(" or ", move.From)}.");
        }

        if (operation == EntryOperation.Submit && EntryRules.CheckComplete(entry) is { Count: > 0 } missing)
        {
            throw new EntryRuleException(missing);
        }

        // A return says what to change and a rejection says why: the submitter must be told, whatever the door.
        if (operation is EntryOperation.Return or EntryOperation.Reject && string.IsNullOrWhiteSpace(note))
        {
            throw new EntryRuleException([RuleViolation.Of("Note", RuleCodes.Required, operation == EntryOperation.Return
                ? "Note is required: say what the submitter should change."
                : "Note is required: give the reason for the rejection.")]);
        }

        entry.Status = move.To;
        if (move.To == EntryStatus.Published)
        {
            entry.PublishedAt ??= now;
        }

        return new EntryTransition(entry.Id, operation, from, move.To, actor.Role, actor.Id, actor.Organization, now, note);
    }

    /// <summary>Whether the move is open to this actor now (for showing or hiding a button; the move itself still checks).</summary>
    public static bool Allows(Entry entry, Actor actor, EntryOperation operation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        var move = Moves[operation];
        return MayAct(move.Who, entry, actor) && move.From.Contains(entry.Status);
    }

    /// <summary>Who may create an entry: a member (for its organisation), a curator or an admin.</summary>
    public static bool MayCreate(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsMember || actor.SeesEverything;
    }

    /// <summary>
    /// The organisation a new entry belongs to: a member's own, whatever it asked; a curator's or admin's choice
    /// (none: the hub's own curated entry).
    /// </summary>
    public static Guid? OwnerFor(Actor actor, Guid? requested)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.SeesEverything ? requested : actor.Organization;
    }

    /// <summary>
    /// What the actor may edit now: the owner's side (admins included) edits every field of a Draft or
    /// ReturnedForRevision entry; curators and admins retag any entry in any state; nobody else edits.
    /// </summary>
    public static EditRight RightOf(Entry entry, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        if (MayAct(Side.Owner, entry, actor) && EditableStates.Contains(entry.Status))
        {
            return EditRight.Full;
        }

        return actor.SeesEverything ? EditRight.Tags : EditRight.None;
    }

    /// <summary>"May this caller edit this entry" (every field, now).</summary>
    public static bool MayEdit(Entry entry, Actor actor) => RightOf(entry, actor) == EditRight.Full;

    /// <summary>Refuses an edit of <paramref name="fields"/> the actor may not make in the entry's state.</summary>
    public static void EnsureMayEdit(Entry entry, Actor actor, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var right = RightOf(entry, actor);
        var tagsOnly = fields.All(TagFields.Contains);
        if (right == EditRight.Full || (right == EditRight.Tags && tagsOnly))
        {
            return;
        }

        if (MayAct(Side.Owner, entry, actor))
        {
            throw new EntryStateException("Edit", entry.Status, null, actor.Role, RefusalReason.WrongState,
                $"The entry is {entry.Status}; it can be edited only while it is {string.Join(" or ", EditableStates)}.");
        }

        throw new EntryStateException("Edit", entry.Status, null, actor.Role, RefusalReason.NotPermitted, actor.SeesEverything
            ? $"A curator may only retag this entry ({string.Join(", ", TagFields)}); its text is its organisation's."
            : $"{Capitalised(actor.DescribeFor(entry))} may not edit this entry: only members of its organisation may.");
    }

    /// <summary>Only a draft is deleted, by the owner's side; anything further along is withdrawn or retired instead.</summary>
    public static void EnsureMayDelete(Entry entry, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayAct(Side.Owner, entry, actor))
        {
            throw new EntryStateException("Delete", entry.Status, null, actor.Role, RefusalReason.NotPermitted,
                $"{Capitalised(actor.DescribeFor(entry))} may not delete this entry: only members of its organisation may.");
        }

        if (entry.Status != EntryStatus.Draft)
        {
            throw new EntryStateException("Delete", entry.Status, null, actor.Role, RefusalReason.WrongState,
                $"The entry is {entry.Status}; only a Draft can be deleted (withdraw or retire it instead).");
        }
    }

    /// <summary>Whether the actor acts for the entry's owner side (what submitting, withdrawing and revising need).</summary>
    public static bool IsOwnerSide(Entry entry, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        return MayAct(Side.Owner, entry, actor);
    }

    private static bool MayAct(Side side, Entry entry, Actor actor) => side switch
    {
        Side.Owner => actor.IsAdmin || actor.IsOwnerOf(entry) || (actor.IsCurator && entry.OrganizationId is null),
        _ => actor.SeesEverything,
    };

    private static string Who(Side side) => side == Side.Owner
        ? "members of the owning organisation (curators for an entry no organisation owns) or an admin"
        : "a curator or an admin";

    private static string Verb(EntryOperation operation) => operation switch
    {
        EntryOperation.Submit => "submit",
        EntryOperation.Claim => "claim",
        EntryOperation.Publish => "publish",
        EntryOperation.Return => "return",
        EntryOperation.Reject => "reject",
        EntryOperation.Withdraw => "withdraw",
        _ => "retire",
    };

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
