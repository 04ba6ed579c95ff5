using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Tests.Workflow;

/// <summary>Who assesses an entry: Claim assigns; admins reassign; a curator takes only a free entry, releases only their own.</summary>
public sealed class EntryAssignmentTests
{
    private static readonly Guid Organization = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly Actor Member = Actor.MemberOf(Organization, "m1");
    private static readonly Actor CuratorA = new(ActorRole.Curator, null, "c1");
    private static readonly Actor CuratorB = new(ActorRole.Curator, null, "c2");
    private static readonly Actor Admin = new(ActorRole.Admin, null, "a1");

    private static UseCase NewEntry(EntryStatus status, string? assigned = null) =>
        new() { Id = Guid.NewGuid(), Pid = "UC-2026-00001", Title = "t", Status = status, OrganizationId = Organization, AssignedCuratorId = assigned };

    [Fact]
    public void Claim_assigns_the_claiming_curator_and_records_when_the_state_changed()
    {
        var entry = NewEntry(EntryStatus.Submitted);
        EntryWorkflow.Claim(entry, CuratorA, Now);
        Assert.Equal("c1", entry.AssignedCuratorId);
        Assert.Equal(Now, entry.AssignedAt);
        Assert.Equal(Now, entry.StatusChangedAt);
    }

    [Fact]
    public void An_admin_reassigns_to_any_curator_or_admin_but_not_to_a_member()
    {
        var entry = NewEntry(EntryStatus.UnderAssessment, "c1");
        var change = EntryAssignment.Reassign(entry, Admin, CuratorB, Now);
        Assert.Equal(("c1", "c2"), (change.From, change.To));
        Assert.Equal("c2", entry.AssignedCuratorId);

        var refused = Assert.Throws<EntryStateException>(() => EntryAssignment.Reassign(entry, Admin, Member, Now));
        Assert.Equal(RefusalReason.NotPermitted, refused.Reason);
        Assert.Equal("c2", entry.AssignedCuratorId);
    }

    [Fact]
    public void Another_curator_cannot_reassign_or_release_a_held_entry_and_a_member_cannot_touch_it()
    {
        var entry = NewEntry(EntryStatus.UnderAssessment, "c1");
        foreach (var attempt in new Action[]
        {
            () => EntryAssignment.Reassign(entry, CuratorB, CuratorB, Now),
            () => EntryAssignment.Reassign(entry, CuratorB, CuratorA, Now),
            () => EntryAssignment.Release(entry, CuratorB, Now),
            () => EntryAssignment.Reassign(entry, Member, CuratorA, Now),
            () => EntryAssignment.Release(entry, Member, Now),
        })
        {
            Assert.Equal(RefusalReason.NotPermitted, Assert.Throws<EntryStateException>(attempt).Reason);
        }

        Assert.Equal("c1", entry.AssignedCuratorId);
        Assert.False(EntryAssignment.MayReassign(entry, CuratorB));
        Assert.False(EntryAssignment.MayRelease(entry, CuratorB));
    }

    [Fact]
    public void The_holder_releases_and_then_any_curator_may_take_the_free_entry_for_themselves_only()
    {
        var entry = NewEntry(EntryStatus.UnderAssessment, "c1");
        EntryAssignment.Release(entry, CuratorA, Now);
        Assert.Null(entry.AssignedCuratorId);
        // No longer the holder; and even an admin has nothing to release.
        Assert.Equal(RefusalReason.NotPermitted, Assert.Throws<EntryStateException>(() => EntryAssignment.Release(entry, CuratorA, Now)).Reason);
        Assert.Equal(RefusalReason.WrongState, Assert.Throws<EntryStateException>(() => EntryAssignment.Release(entry, Admin, Now)).Reason);
        Assert.Throws<EntryStateException>(() => EntryAssignment.Reassign(entry, CuratorB, CuratorA, Now));
        EntryAssignment.Reassign(entry, CuratorB, CuratorB, Now);
        Assert.Equal("c2", entry.AssignedCuratorId);
    }

    [Theory]
    [InlineData(EntryStatus.Draft)]
    [InlineData(EntryStatus.Published)]
    [InlineData(EntryStatus.Rejected)]
    [InlineData(EntryStatus.Withdrawn)]
    [InlineData(EntryStatus.Retired)]
    public void Assignment_means_nothing_outside_assessment(EntryStatus status)
    {
        var entry = NewEntry(status, "c1");
        Assert.Equal(RefusalReason.WrongState, Assert.Throws<EntryStateException>(() => EntryAssignment.Reassign(entry, Admin, CuratorB, Now)).Reason);
        Assert.Equal(RefusalReason.WrongState, Assert.Throws<EntryStateException>(() => EntryAssignment.Release(entry, Admin, Now)).Reason);
    }
}
