using System.Globalization;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Core.Conversation;

/// <summary>
/// The thread between a submission's organisation and the curators, one rule for every door: its organisation's members
/// and curators/admins read it (nobody else, whatever the entry's state) and post to it while the entry is still on its
/// way (not yet public, or a revision under way), never after it is published, rejected or withdrawn.
/// </summary>
public static class ConversationRules
{
    public const int TextMax = 4000;

    /// <summary>The states in which the thread is open for new messages.</summary>
    public static IReadOnlyList<EntryStatus> OpenStates { get; } =
        [EntryStatus.Draft, EntryStatus.Submitted, EntryStatus.UnderAssessment, EntryStatus.ReturnedForRevision];

    public static bool MayRead(Entry entry, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        return actor.SeesEverything || actor.IsOwnerOf(entry);
    }

    public static bool MayPost(Entry entry, Actor actor) => MayRead(entry, actor) && actor.Id is not null && OpenStates.Contains(entry.Status);

    /// <summary>A new message, or a refusal (<see cref="EntryStateException"/> for who and when, <see cref="EntryRuleException"/> for the text).</summary>
    public static EntryMessage Post(Entry entry, Actor actor, string authorName, string? text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayRead(entry, actor) || actor.Id is null)
        {
            throw new EntryStateException("Message", entry.Status, null, actor.Role, RefusalReason.NotPermitted,
                "Only members of the entry's organisation and curators may write in its conversation.");
        }

        if (!OpenStates.Contains(entry.Status))
        {
            throw new EntryStateException("Message", entry.Status, null, actor.Role, RefusalReason.WrongState,
                $"The entry is {entry.Status}; its conversation is open only while it is {string.Join(", ", OpenStates)}.");
        }

        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new EntryRuleException([RuleViolation.Of(nameof(EntryMessage.Text), RuleCodes.Required, "Write a message.")]);
        }

        if (trimmed.Length > TextMax)
        {
            throw new EntryRuleException([RuleViolation.Of(nameof(EntryMessage.Text), RuleCodes.TooLong,
                string.Create(CultureInfo.InvariantCulture, $"The message is {trimmed.Length} characters; at most {TextMax}."), trimmed.Length, TextMax)]);
        }

        return new EntryMessage
        {
            Id = Guid.NewGuid(),
            EntryId = entry.Id,
            AuthorId = actor.Id,
            AuthorName = authorName,
            // Actor roles are exclusive: an owner writes for the organisation, anyone else here is a curator or admin.
            Side = actor.IsOwnerOf(entry) ? MessageSide.Submitter : MessageSide.Curators,
            Text = trimmed,
            At = now,
        };
    }
}
