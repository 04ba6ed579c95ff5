using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Tests.Workflow;

/// <summary>
/// Every (state × operation × actor) of the workflow: allowed with its resulting state, or refused with the typed
/// error and the reason. The expected table is written out here from the issue, not read from the workflow.
/// </summary>
public sealed class EntryWorkflowTests
{
    private static readonly Guid OwningOrganization = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid OtherOrganization = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, Actor> Actors = new()
    {
        ["own member"] = Actor.MemberOf(OwningOrganization, "m1"),
        ["other member"] = Actor.MemberOf(OtherOrganization, "m2"),
        ["curator"] = Actor.Curator,
        ["admin"] = Actor.Admin,
        ["anonymous"] = Actor.Anonymous,
    };

    /// <summary>The allowed moves: (operation, from) → to. Every other (operation, from) is the wrong state.</summary>
    private static readonly Dictionary<(EntryOperation, EntryStatus), EntryStatus> Allowed = new()
    {
        [(EntryOperation.Submit, EntryStatus.Draft)] = EntryStatus.Submitted,
        [(EntryOperation.Submit, EntryStatus.ReturnedForRevision)] = EntryStatus.Submitted,
        [(EntryOperation.Claim, EntryStatus.Submitted)] = EntryStatus.UnderAssessment,
        [(EntryOperation.Publish, EntryStatus.UnderAssessment)] = EntryStatus.Published,
        [(EntryOperation.Return, EntryStatus.UnderAssessment)] = EntryStatus.ReturnedForRevision,
        [(EntryOperation.Reject, EntryStatus.UnderAssessment)] = EntryStatus.Rejected,
        [(EntryOperation.Withdraw, EntryStatus.Draft)] = EntryStatus.Withdrawn,
        [(EntryOperation.Withdraw, EntryStatus.Submitted)] = EntryStatus.Withdrawn,
        [(EntryOperation.Withdraw, EntryStatus.UnderAssessment)] = EntryStatus.Withdrawn,
        [(EntryOperation.Withdraw, EntryStatus.ReturnedForRevision)] = EntryStatus.Withdrawn,
        [(EntryOperation.Retire, EntryStatus.Published)] = EntryStatus.Retired,
    };

    /// <summary>Who may make each move: the submitter's side (members of the owning organisation, admins) or curators and admins.</summary>
    private static readonly Dictionary<EntryOperation, string[]> Who = new()
    {
        [EntryOperation.Submit] = ["own member", "admin"],
        [EntryOperation.Withdraw] = ["own member", "admin"],
        [EntryOperation.Claim] = ["curator", "admin"],
        [EntryOperation.Publish] = ["curator", "admin"],
        [EntryOperation.Return] = ["curator", "admin"],
        [EntryOperation.Reject] = ["curator", "admin"],
        [EntryOperation.Retire] = ["curator", "admin"],
    };

    /// <summary>Expected: a resulting state ("→ Submitted"), or the refusal reason.</summary>
    public static TheoryData<EntryStatus, EntryOperation, string, string> Transitions()
    {
        var data = new TheoryData<EntryStatus, EntryOperation, string, string>();
        foreach (var from in Enum.GetValues<EntryStatus>())
        {
            foreach (var operation in Enum.GetValues<EntryOperation>())
            {
                foreach (var actor in Actors.Keys)
                {
                    var expected = !Who[operation].Contains(actor) ? nameof(RefusalReason.NotPermitted)
                        : Allowed.TryGetValue((operation, from), out var to) ? $"→ {to}"
                        : nameof(RefusalReason.WrongState);
                    data.Add(from, operation, actor, expected);
                }
            }
        }

        return data;
    }

    private static UseCase NewEntry(EntryStatus status, Guid? organization = null) => new()
    {
        Id = Guid.NewGuid(),
        Pid = "UC-2026-00001",
        Slug = "metering",
        Title = "Water metering",
        Summary = "Households metered over NB-IoT.",
        Status = status,
        OrganizationId = organization ?? OwningOrganization,
        Verticals = [new Vertical { Slug = "water", Name = "Water" }],
        Sdgs = [new SdgGoal { Number = 6 }],
    };

    [Fact]
    public void The_table_covers_every_state_operation_and_actor() =>
        Assert.Equal(Enum.GetValues<EntryStatus>().Length * Enum.GetValues<EntryOperation>().Length * Actors.Count, Transitions().Count);

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Every_transition_for_every_role_is_allowed_or_refused_with_a_typed_error(EntryStatus from, EntryOperation operation, string actor, string expected)
    {
        var entry = NewEntry(from);

        if (expected.StartsWith('→'))
        {
            var transition = EntryWorkflow.Apply(entry, Actors[actor], operation, Now, "note");

            Assert.Equal($"→ {entry.Status}", expected);
            Assert.Equal((entry.Id, operation, from, entry.Status, Actors[actor].Role, Now, "note"),
                (transition.EntryId, transition.Operation, transition.From, transition.To, transition.Role, transition.At, transition.Note));
            Assert.True(EntryWorkflow.Allows(NewEntry(from), Actors[actor], operation));
            return;
        }

        var refusal = Assert.Throws<EntryStateException>(() => EntryWorkflow.Apply(entry, Actors[actor], operation, Now));

        Assert.Equal(expected, refusal.Reason.ToString());
        Assert.Equal((from, operation.ToString(), Actors[actor].Role), (refusal.From, refusal.Operation, refusal.Role));
        Assert.NotNull(refusal.To);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
        Assert.Equal(from, entry.Status);
        Assert.False(EntryWorkflow.Allows(entry, Actors[actor], operation));
    }

    [Fact]
    public void Refusals_say_why_in_a_sentence()
    {
        var stateRefusal = Assert.Throws<EntryStateException>(() => EntryWorkflow.Submit(NewEntry(EntryStatus.Published), Actors["own member"], Now));
        var roleRefusal = Assert.Throws<EntryStateException>(() => EntryWorkflow.Claim(NewEntry(EntryStatus.Submitted), Actors["other member"], Now));

        Assert.Equal("The entry is Published; to submit it, it must be Draft or ReturnedForRevision.", stateRefusal.Message);
        Assert.StartsWith("A member of another organisation may not claim this entry", roleRefusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Decision.Return, null)]
    [InlineData(Decision.Reject, "  ")]
    public void Returning_or_rejecting_needs_a_note_and_leaves_the_entry_as_it_was(Decision decision, string? note)
    {
        var entry = NewEntry(EntryStatus.UnderAssessment);

        var refusal = Assert.Throws<EntryRuleException>(() => EntryWorkflow.Decide(entry, Actor.Curator, decision, Now, note));

        Assert.Equal(("Note", RuleCodes.Required), (refusal.Violations.Single().Field, refusal.Violations.Single().Rule));
        Assert.Equal(EntryStatus.UnderAssessment, entry.Status);
    }

    [Fact]
    public void Publishing_sets_the_publication_date_once()
    {
        var entry = NewEntry(EntryStatus.UnderAssessment);

        EntryWorkflow.Decide(entry, Actor.Curator, Decision.Publish, Now);

        Assert.Equal(Now, entry.PublishedAt);
    }

    [Fact]
    public void Submitting_an_incomplete_draft_names_what_is_missing()
    {
        var entry = NewEntry(EntryStatus.Draft);
        entry.Summary = "";
        entry.Verticals.Clear();

        var refusal = Assert.Throws<EntryRuleException>(() => EntryWorkflow.Submit(entry, Actors["own member"], Now));

        Assert.Equal([(nameof(Entry.Summary), RuleCodes.Required), (nameof(Entry.Verticals), RuleCodes.Required)],
            refusal.Violations.Select(v => (v.Field, v.Rule)));
        Assert.Equal(EntryStatus.Draft, entry.Status);
    }

    [Fact]
    public void Curators_act_for_an_entry_no_organisation_owns()
    {
        var entry = NewEntry(EntryStatus.Draft);
        entry.OrganizationId = null;

        Assert.Equal(EditRight.Full, EntryWorkflow.RightOf(entry, Actor.Curator));
        Assert.Equal(EntryStatus.Submitted, EntryWorkflow.Submit(entry, Actor.Curator, Now).To);
        Assert.Throws<EntryStateException>(() => EntryWorkflow.Withdraw(entry, Actor.MemberOf(OtherOrganization), Now));
    }

    /// <summary>Members edit their own organisation's Draft and ReturnedForRevision entries; curators retag; admins all.</summary>
    public static TheoryData<EntryStatus, string, EditRight> EditRights()
    {
        var data = new TheoryData<EntryStatus, string, EditRight>();
        foreach (var status in Enum.GetValues<EntryStatus>())
        {
            var editable = status is EntryStatus.Draft or EntryStatus.ReturnedForRevision;
            data.Add(status, "own member", editable ? EditRight.Full : EditRight.None);
            data.Add(status, "other member", EditRight.None);
            data.Add(status, "curator", EditRight.Tags);
            data.Add(status, "admin", editable ? EditRight.Full : EditRight.Tags);
            data.Add(status, "anonymous", EditRight.None);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EditRights))]
    public void Edit_rights_by_state_and_role(EntryStatus status, string actor, EditRight expected)
    {
        var entry = NewEntry(status);

        Assert.Equal(expected, EntryWorkflow.RightOf(entry, Actors[actor]));
        Assert.Equal(expected == EditRight.Full, EntryWorkflow.MayEdit(entry, Actors[actor]));
        AssertEdit(expected != EditRight.None, () => EntryWorkflow.EnsureMayEdit(entry, Actors[actor], [nameof(Entry.Sdgs)]));
        AssertEdit(expected == EditRight.Full, () => EntryWorkflow.EnsureMayEdit(entry, Actors[actor], [nameof(Entry.Title), nameof(Entry.Sdgs)]));
    }

    [Theory]
    [InlineData(EntryStatus.Draft, "own member", true)]
    [InlineData(EntryStatus.Draft, "admin", true)]
    [InlineData(EntryStatus.Draft, "curator", false)]
    [InlineData(EntryStatus.Draft, "other member", false)]
    [InlineData(EntryStatus.Submitted, "own member", false)]
    [InlineData(EntryStatus.Published, "admin", false)]
    public void Only_a_draft_is_deleted_by_its_owners(EntryStatus status, string actor, bool allowed) =>
        AssertEdit(allowed, () => EntryWorkflow.EnsureMayDelete(NewEntry(status), Actors[actor]));

    [Fact]
    public void Actors_are_read_from_claims_in_one_place()
    {
        static System.Security.Claims.ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
            new(new System.Security.Claims.ClaimsIdentity(claims.Select(c => new System.Security.Claims.Claim(c.Type, c.Value)), "test", "name", HubClaims.Role));

        Assert.Equal(Actor.Anonymous, Actor.From(new System.Security.Claims.ClaimsPrincipal()));
        Assert.Equal(Actor.MemberOf(OwningOrganization), Actor.From(User((HubClaims.Role, HubRoles.Member), (HubClaims.Organization, OwningOrganization.ToString()))));
        Assert.False(Actor.From(User((HubClaims.Role, HubRoles.Member))).IsMember);
        Assert.Equal(ActorRole.Curator, Actor.From(User((HubClaims.Role, HubRoles.Curator), (HubClaims.Organization, OwningOrganization.ToString()))).Role);
        Assert.Equal(ActorRole.Admin, Actor.From(User((HubClaims.Role, HubRoles.Curator), (HubClaims.Role, HubRoles.Admin))).Role);
        Assert.Equal(ActorRole.None, Actor.From(User(("name", "someone"))).Role);
    }

    private static void AssertEdit(bool allowed, Action edit)
    {
        if (allowed)
        {
            edit();
        }
        else
        {
            Assert.Throws<EntryStateException>(edit);
        }
    }
}
