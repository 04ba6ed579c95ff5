using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Assessments;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.Assessments;

/// <summary>The rubric read from the criteria page, what a valid score set is, and who may assess when (Core rules, no host).</summary>
public sealed class AssessmentRulesTests
{
    private static readonly Guid Owner = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly Actor CuratorOne = new(ActorRole.Curator, null, "curator-1");
    private static readonly Actor CuratorTwo = new(ActorRole.Curator, null, "curator-2");
    private static readonly Actor AdminActor = new(ActorRole.Admin, null, "admin-1");

    private static AssessmentRubric ShippedRubric() =>
        AssessmentRubric.Parse(File.ReadAllText(Path.Combine(TestPaths.Content, "pages", "assessment-criteria.md")));

    private static AssessmentInput Valid(AssessmentRubric rubric, int score = 2) =>
        new([.. rubric.Criteria.Select(c => new ScoreInput(c.Key, score, $"Comment on {c.Title}"))], "PubliclyDocumented", "Overall");

    private static UseCase Entry(EntryStatus status) => new() { Id = Guid.NewGuid(), Status = status, OrganizationId = Owner, Version = 3 };

    [Fact]
    public void The_shipped_criteria_page_gives_the_seven_criteria_with_their_anchors_and_guidance()
    {
        var rubric = ShippedRubric();

        Assert.Equal(
            ["interoperability", "standards-used", "data-and-identifiers", "security-and-trust", "replicability", "evidence-of-sdg-impact", "maturity"],
            rubric.Criteria.Select(c => c.Key));
        Assert.Equal("Evidence of SDG impact", rubric.Find("evidence-of-sdg-impact")!.Title);
        Assert.All(rubric.Criteria, c => Assert.False(string.IsNullOrWhiteSpace(c.Guidance)));
        Assert.Contains("developing country", rubric.Find("replicability")!.Guidance, StringComparison.Ordinal);
        // The intro and the score table above the first heading are not a criterion's guidance.
        Assert.DoesNotContain("| Score |", rubric.Criteria[0].Guidance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rubric_is_read_from_the_stored_page_so_editing_the_page_changes_it()
    {
        await using var store = await TestStore.CreateAsync();
        // The shipped page through the real importer, as `import` stores it.
        var content = new ContentFolder();
        content.Write("pages/assessment-criteria.md", File.ReadAllText(Path.Combine(TestPaths.Content, "pages", "assessment-criteria.md")));
        await store.ImportAsync(content.Root);
        var before = await store.RunAsync<HubDbContext, AssessmentRubric>(db => AssessmentRubric.LoadAsync(db));
        Assert.Equal(ShippedRubric().Criteria, before.Criteria);

        await store.RunAsync<HubDbContext>(async db =>
        {
            var page = await db.Pages.SingleAsync(p => p.Slug == AssessmentRubric.PageSlug && p.Language == "en");
            page.Body += "\n## Cost of ownership\n\nWhat it costs to run.\n";
            await db.SaveChangesAsync();
        });

        var after = await store.RunAsync<HubDbContext, AssessmentRubric>(db => AssessmentRubric.LoadAsync(db));
        Assert.Equal(("cost-of-ownership", "What it costs to run."), (after.Criteria[^1].Key, after.Criteria[^1].Guidance));
        Assert.Equal(before.Criteria.Count + 1, after.Criteria.Count);
    }

    [Fact]
    public void Editing_the_page_edits_the_rubric()
    {
        var rubric = AssessmentRubric.Parse("Intro\n\n## Open data, too!\n\nGuidance *here*.\n\n```\n## not a heading\n```\n\n### A sub-heading stays guidance\n\n## Cost\n");

        Assert.Equal(["open-data-too", "cost"], rubric.Criteria.Select(c => c.Key));
        Assert.Contains("## not a heading", rubric.Criteria[0].Guidance, StringComparison.Ordinal);
        Assert.Contains("### A sub-heading", rubric.Criteria[0].Guidance, StringComparison.Ordinal);
        Assert.Empty(AssessmentRubric.Parse(null).Criteria);
    }

    [Fact]
    public void A_complete_score_set_is_valid_and_every_broken_rule_names_its_field()
    {
        var rubric = ShippedRubric();
        Assert.Empty(AssessmentRules.Check(rubric, Valid(rubric)));
        Assert.Empty(AssessmentRules.Check(rubric, Valid(rubric, 0)));
        Assert.Empty(AssessmentRules.Check(rubric, Valid(rubric, 3)));

        (string Field, string Rule) Only(AssessmentInput input)
        {
            var violation = Assert.Single(AssessmentRules.Check(rubric, input));
            return (violation.Field, violation.Rule);
        }

        var scores = Valid(rubric).Scores;
        Assert.Equal(("Scores[maturity]", RuleCodes.OutOfRange), Only(Valid(rubric) with { Scores = [.. scores.SkipLast(1), new("maturity", 4, "x")] }));
        Assert.Equal(("Scores[maturity]", RuleCodes.OutOfRange), Only(Valid(rubric) with { Scores = [.. scores.SkipLast(1), new("maturity", -1, "x")] }));
        Assert.Equal(("Scores[maturity]", RuleCodes.Required), Only(Valid(rubric) with { Scores = [.. scores.SkipLast(1)] }));
        Assert.Equal(("Scores[maturity]", RuleCodes.Required), Only(Valid(rubric) with { Scores = [.. scores.SkipLast(1), new("maturity", null, "x")] }));
        Assert.Equal(("Scores[maturity].Comment", RuleCodes.Required), Only(Valid(rubric) with { Scores = [.. scores.SkipLast(1), new("maturity", 1, " ")] }));
        Assert.Equal(("Scores[maturity].Comment", RuleCodes.TooLong),
            Only(Valid(rubric) with { Scores = [.. scores.SkipLast(1), new("maturity", 1, new string('x', AssessmentRules.CommentMax + 1))] }));
        Assert.Equal(("Scores", RuleCodes.UnknownValue), Only(Valid(rubric) with { Scores = [.. scores, new("cost", 1, "x")] }));
        Assert.Equal(("Scores[maturity]", RuleCodes.Duplicate), Only(Valid(rubric) with { Scores = [.. scores, new("maturity", 1, "x")] }));
        Assert.Equal(("EvidenceLevel", RuleCodes.UnknownValue), Only(Valid(rubric) with { EvidenceLevel = "Anecdotal" }));
        Assert.Equal(("EvidenceLevel", RuleCodes.UnknownValue), Only(Valid(rubric) with { EvidenceLevel = "1" }));
        Assert.Equal(("EvidenceLevel", RuleCodes.UnknownValue), Only(Valid(rubric) with { EvidenceLevel = null }));
        Assert.Equal(("Comment", RuleCodes.TooLong), Only(Valid(rubric) with { Comment = new string('x', AssessmentRules.OverallCommentMax + 1) }));
        // A page without criteria cannot be assessed against: said, not silently accepted.
        var none = Assert.Single(AssessmentRules.Check(AssessmentRubric.Empty, Valid(rubric)));
        Assert.Equal(("Scores", RuleCodes.Required), (none.Field, none.Rule));
    }

    public static TheoryData<EntryStatus> Statuses() => [.. Enum.GetValues<EntryStatus>()];

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Only_curators_and_admins_assess_and_only_an_entry_under_assessment(EntryStatus status)
    {
        var entry = Entry(status);
        var open = status == EntryStatus.UnderAssessment;
        Assert.Equal(open, AssessmentRules.MayAssess(entry, CuratorOne));
        Assert.Equal(open, AssessmentRules.MayAssess(entry, AdminActor));
        foreach (var actor in new[] { Actor.MemberOf(Owner, "m1"), Actor.MemberOf(Guid.NewGuid(), "m2"), Actor.Anonymous, new Actor(ActorRole.None, null, "x") })
        {
            Assert.False(AssessmentRules.MayAssess(entry, actor));
            var refusal = Assert.Throws<EntryStateException>(() => AssessmentRules.Record(entry, actor, "x", ShippedRubric(), Valid(ShippedRubric()), null, Now));
            Assert.Equal(RefusalReason.NotPermitted, refusal.Reason);
        }

        if (!open)
        {
            var refusal = Assert.Throws<EntryStateException>(() => AssessmentRules.Record(entry, CuratorOne, "c1", ShippedRubric(), Valid(ShippedRubric()), null, Now));
            Assert.Equal(RefusalReason.WrongState, refusal.Reason);
            Assert.Throws<EntryStateException>(() => AssessmentRules.NoteGap(entry, CuratorOne, "c1", "No standard for X", [], Now));
        }
    }

    [Fact]
    public void A_curator_records_and_edits_only_their_own_open_assessment()
    {
        var rubric = ShippedRubric();
        var entry = Entry(EntryStatus.UnderAssessment);
        var mine = AssessmentRules.Record(entry, CuratorOne, "one@example.org", rubric, Valid(rubric), null, Now);
        Assert.Equal(("curator-1", 3, EvidenceLevel.PubliclyDocumented), (mine.CuratorId, mine.EntryVersion, mine.EvidenceLevel));
        Assert.Equal(rubric.Criteria.Select(c => c.Key), mine.Scores.Select(s => s.Criterion));

        var updated = AssessmentRules.Record(entry, CuratorOne, "one@example.org", rubric, Valid(rubric, 3), mine, Now.AddMinutes(1));
        Assert.Same(mine, updated);
        Assert.All(updated.Scores, s => Assert.Equal(3, s.Score));

        var other = Assert.Throws<EntryStateException>(() => AssessmentRules.Record(entry, CuratorTwo, "two@example.org", rubric, Valid(rubric, 0), mine, Now));
        Assert.Equal(RefusalReason.NotPermitted, other.Reason);
        Assert.Throws<EntryStateException>(() => AssessmentRules.Record(entry, AdminActor, "admin@example.org", rubric, Valid(rubric, 0), mine, Now));

        mine.SealedAt = Now.AddHours(1);
        var sealedOne = Assert.Throws<EntryStateException>(() => AssessmentRules.Record(entry, CuratorOne, "one@example.org", rubric, Valid(rubric, 0), mine, Now));
        Assert.Equal(RefusalReason.WrongState, sealedOne.Reason);
        Assert.All(mine.Scores, s => Assert.Equal(3, s.Score));

        var invalid = Assert.Throws<EntryRuleException>(() => AssessmentRules.Record(entry, CuratorTwo, "two@example.org", rubric, Valid(rubric, 9), null, Now));
        Assert.Equal(rubric.Criteria.Count, invalid.Violations.Count);
    }

    [Fact]
    public void Outside_the_curators_only_sealed_records_of_entries_the_caller_sees_are_visible()
    {
        var ownDraft = Entry(EntryStatus.ReturnedForRevision);
        var published = Entry(EntryStatus.Published);
        var records = new List<Assessment>();
        foreach (var entry in new Entry[] { ownDraft, published })
        {
            records.Add(new() { Id = Guid.NewGuid(), Entry = entry, EntryId = entry.Id });
            records.Add(new() { Id = Guid.NewGuid(), Entry = entry, EntryId = entry.Id, SealedAt = Now });
        }

        List<int> Seen(Actor actor) => [.. records.AsQueryable().VisibleTo(actor.Audience).Select(r => records.IndexOf(r)).Order()];

        Assert.Equal([3], Seen(Actor.Anonymous));
        Assert.Equal([1, 3], Seen(Actor.MemberOf(Owner, "m1")));
        Assert.Equal([3], Seen(Actor.MemberOf(Guid.NewGuid(), "m2")));
        Assert.Equal([0, 1, 2, 3], Seen(CuratorOne));
        Assert.Equal([0, 1, 2, 3], Seen(AdminActor));
        // The in-memory form says the same.
        foreach (var actor in new[] { Actor.Anonymous, Actor.MemberOf(Owner, "m1"), Actor.MemberOf(Guid.NewGuid(), "m2"), CuratorOne })
        {
            Assert.Equal(Seen(actor), [.. records.Where(r => AssessmentVisibility.MaySee(r, r.Entry, actor)).Select(r => records.IndexOf(r))]);
        }
    }
}
