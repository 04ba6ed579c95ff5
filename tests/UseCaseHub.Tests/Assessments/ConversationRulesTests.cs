using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Conversation;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Tests.Assessments;

/// <summary>Who reads and writes an entry's conversation, and when (Core rule, every state × actor).</summary>
public sealed class ConversationRulesTests
{
    private static readonly Guid Owner = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, Actor> Actors = new()
    {
        ["own member"] = Actor.MemberOf(Owner, "m1"),
        ["other member"] = Actor.MemberOf(Guid.NewGuid(), "m2"),
        ["curator"] = new(ActorRole.Curator, null, "c1"),
        ["admin"] = new(ActorRole.Admin, null, "a1"),
        ["anonymous"] = Actor.Anonymous,
        ["no role"] = new(ActorRole.None, null, "n1"),
    };

    public static TheoryData<EntryStatus, string> Cases()
    {
        var data = new TheoryData<EntryStatus, string>();
        foreach (var status in Enum.GetValues<EntryStatus>())
        {
            foreach (var name in Actors.Keys)
            {
                data.Add(status, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_owner_side_and_curators_post_while_the_entry_is_on_its_way(EntryStatus status, string name)
    {
        var actor = Actors[name];
        var entry = new UseCase { Id = Guid.NewGuid(), Status = status, OrganizationId = Owner };
        var party = name is "own member" or "curator" or "admin";
        var open = status is EntryStatus.Draft or EntryStatus.Submitted or EntryStatus.UnderAssessment or EntryStatus.ReturnedForRevision;

        Assert.Equal(party, ConversationRules.MayRead(entry, actor));
        Assert.Equal(party && open, ConversationRules.MayPost(entry, actor));
        if (party && open)
        {
            var message = ConversationRules.Post(entry, actor, name, "  Please add the source.  ", Now);
            Assert.Equal(("Please add the source.", name == "own member" ? MessageSide.Submitter : MessageSide.Curators), (message.Text, message.Side));
        }
        else
        {
            var refusal = Assert.Throws<EntryStateException>(() => ConversationRules.Post(entry, actor, name, "Hello", Now));
            Assert.Equal(party ? RefusalReason.WrongState : RefusalReason.NotPermitted, refusal.Reason);
        }
    }

    [Fact]
    public void An_empty_or_overlong_message_is_refused_naming_the_text()
    {
        var entry = new UseCase { Id = Guid.NewGuid(), Status = EntryStatus.Submitted, OrganizationId = Owner };
        var empty = Assert.Throws<EntryRuleException>(() => ConversationRules.Post(entry, Actors["curator"], "c", " ", Now));
        Assert.Equal(("Text", RuleCodes.Required), (empty.Violations[0].Field, empty.Violations[0].Rule));
        var tooLong = Assert.Throws<EntryRuleException>(() => ConversationRules.Post(entry, Actors["curator"], "c", new string('x', ConversationRules.TextMax + 1), Now));
        Assert.Equal(RuleCodes.TooLong, tooLong.Violations[0].Rule);
    }
}
