using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Versions;
using UseCaseHub.Core.Workflow;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.Workflow;

/// <summary>
/// The revision rules (issue 11 item 1) and the versions they leave (item 5), on a real store loaded with the content
/// folder: who may start a revision and when, at most one open, publishing applies it onto the entry in the same save,
/// other outcomes leave the entry untouched, and every submission and publication is a numbered version.
/// </summary>
public class EntryRevisionTests : IAsyncLifetime
{
    /// <summary>The store these tests run on; the PostgreSQL variant overrides it.</summary>
    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

    private static readonly AuditActor Who = new("u1", "u1@example.org", "Member");
    private TestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(provider: Provider);
        // The web suite's small fixture folder: a few published entries owned by organisations are enough here.
        await _store.ImportAsync(Path.Combine(UseCaseHub.Testing.TestPaths.Repository, "tests", "UseCaseHub.Web.Tests", "Fixtures", "content"));
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private Task<T> Db<T>(Func<HubDbContext, Task<T>> work) => _store.RunAsync<HubDbContext, T>(work);

    /// <summary>A published use case some organisation owns, with tags.</summary>
    private Task<UseCase> PublishedAsync() => Db(db => db.UseCases.AsNoTracking().Include(u => u.Sdgs).Include(u => u.Countries)
        .Where(u => u.Status == EntryStatus.Published && u.OrganizationId != null && u.Sdgs.Count > 0).OrderBy(u => u.Pid).FirstAsync());

    private Task<Guid> StartAsync(Guid id, Actor actor) => Db(async db =>
    {
        var revision = await EntryRevisions.StartAsync(db, id, actor, Who, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return revision.Id;
    });

    /// <summary>Runs one workflow move on a stored entry, as any door does: load, move, audit, save.</summary>
    private Task<int> MoveAsync(Guid id, Actor actor, Func<Entry, Actor, EntryTransition> move) => Db(async db =>
    {
        // With its tags, as the doors load it (submitting checks the entry is complete).
        var entry = await db.Entries.Include(e => e.Verticals).Include(e => e.Sdgs).Include(e => e.Countries).SingleAsync(e => e.Id == id);
        db.Audit(Who, move(entry, actor), entry);
        return await db.SaveChangesAsync();
    });

    [StoreFact]
    public async Task The_owner_starts_a_draft_revision_with_the_same_identifier_content_and_tags()
    {
        var published = await PublishedAsync();
        var owner = Actor.MemberOf(published.OrganizationId!.Value, "u1");

        var id = await StartAsync(published.Id, owner);

        var revision = await Db(db => db.UseCases.AsNoTracking().Include(u => u.Sdgs).Include(u => u.Countries).SingleAsync(e => e.Id == id));
        Assert.NotEqual(published.Id, revision.Id);
        Assert.Equal(published.Id, revision.RevisionOfId);
        Assert.Equal((published.Pid, published.Slug, published.OrganizationId), (revision.Pid, revision.Slug, revision.OrganizationId));
        Assert.Equal(EntryStatus.Draft, revision.Status);
        Assert.Equal((published.Title, published.Body, published.Interoperability, published.Stage),
            (revision.Title, revision.Body, revision.Interoperability, revision.Stage));
        Assert.Equal(published.Sdgs.Select(g => g.Number).Order(), revision.Sdgs.Select(g => g.Number).Order());
        Assert.Equal(published.Countries.Select(c => c.Iso2).Order(), revision.Countries.Select(c => c.Iso2).Order());
        Assert.True(await Db(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.EntryRevise && a.SubjectId == published.Id.ToString())));
        Assert.True(EntryWorkflow.MayEdit(revision, owner));
    }

    [StoreFact]
    public async Task Only_the_owner_side_revises_only_a_published_entry_and_only_one_at_a_time()
    {
        var published = await PublishedAsync();
        var owner = Actor.MemberOf(published.OrganizationId!.Value, "u1");

        foreach (var stranger in new[] { Actor.MemberOf(Guid.NewGuid()), Actor.Anonymous, Actor.Curator, new Actor(ActorRole.None) })
        {
            var refused = await Assert.ThrowsAsync<EntryStateException>(() => StartAsync(published.Id, stranger));
            Assert.Equal(RefusalReason.NotPermitted, refused.Reason);
            Assert.False(EntryRevisions.MayRevise(published, stranger));
        }

        Assert.True(EntryRevisions.MayRevise(published, Actor.Admin));
        var first = await StartAsync(published.Id, owner);
        var again = await Assert.ThrowsAsync<EntryStateException>(() => StartAsync(published.Id, owner));
        Assert.Equal(RefusalReason.WrongState, again.Reason);
        var ofRevision = await Assert.ThrowsAsync<EntryStateException>(() => StartAsync(first, owner));
        Assert.Equal(RefusalReason.WrongState, ofRevision.Reason);

        // A closed (withdrawn) revision lets another start.
        await MoveAsync(first, owner, (e, a) => EntryWorkflow.Withdraw(e, a, DateTimeOffset.UtcNow));
        var second = await StartAsync(published.Id, owner);
        Assert.NotEqual(first, second);

        // A draft is edited, not revised.
        var draft = new UseCase { Id = Guid.NewGuid(), Pid = "UC-2099-00001", Slug = "a-draft-to-revise", Title = "A draft", OrganizationId = published.OrganizationId };
        await Db(db =>
        {
            db.Add(draft);
            return db.SaveChangesAsync();
        });
        var drafted = await Assert.ThrowsAsync<EntryStateException>(() => StartAsync(draft.Id, Actor.Admin));
        Assert.Equal(RefusalReason.WrongState, drafted.Reason);
    }

    [StoreFact]
    public async Task Publishing_a_revision_applies_it_onto_the_entry_in_the_same_save_and_removes_the_row()
    {
        var published = await PublishedAsync();
        var owner = Actor.MemberOf(published.OrganizationId!.Value, "u1");
        var id = await StartAsync(published.Id, owner);
        await Db(async db =>
        {
            var revision = await db.UseCases.Include(u => u.Sdgs).SingleAsync(e => e.Id == id);
            revision.Body = "A new body for the revision.";
            revision.Slug = "a-slug-the-revision-may-not-take";
            revision.Sdgs.Clear();
            revision.Sdgs.Add(await db.SdgGoals.SingleAsync(g => g.Number == 13));
            return await db.SaveChangesAsync();
        });

        await MoveAsync(id, owner, (e, a) => EntryWorkflow.Submit(e, a, DateTimeOffset.UtcNow));
        await MoveAsync(id, Actor.Curator, (e, a) => EntryWorkflow.Claim(e, a, DateTimeOffset.UtcNow));
        await MoveAsync(id, Actor.Curator, (e, a) => EntryWorkflow.Decide(e, a, Decision.Publish, DateTimeOffset.UtcNow));

        var rows = await Db(db => db.UseCases.AsNoTracking().Include(u => u.Sdgs).Where(e => e.Pid == published.Pid).ToListAsync());
        var entry = Assert.Single(rows);
        Assert.Equal((published.Id, published.Slug, EntryStatus.Published, published.PublishedAt), (entry.Id, entry.Slug, entry.Status, entry.PublishedAt));
        Assert.Equal(published.Version + 1, entry.Version);
        Assert.Equal("A new body for the revision.", entry.Body);
        Assert.Equal([13], entry.Sdgs.Select(g => g.Number));
        var versions = await Db(db => db.EntryVersions.AsNoTracking().Where(v => v.Pid == published.Pid).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([(1, VersionOutcome.Published, false), (2, VersionOutcome.Published, true)], versions.Select(v => (v.Number, v.Outcome, v.FromRevision)));
        Assert.Equal(["13"], versions[1].Content.Sdgs);
        Assert.Equal(published.Slug, versions[1].Content.Slug);
        Assert.True(await Db(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.EntryRevisionApply && a.SubjectId == published.Id.ToString())));
    }

    [StoreFact]
    public async Task What_was_recorded_on_a_revision_moves_to_the_entry_when_it_is_published()
    {
        var published = await PublishedAsync();
        var owner = Actor.MemberOf(published.OrganizationId!.Value, "u1");
        var id = await StartAsync(published.Id, owner);
        await MoveAsync(id, owner, (e, a) => EntryWorkflow.Submit(e, a, DateTimeOffset.UtcNow));
        await MoveAsync(id, Actor.Curator, (e, a) => EntryWorkflow.Claim(e, a, DateTimeOffset.UtcNow));
        var now = DateTimeOffset.UtcNow;
        await Db(db =>
        {
            db.Add(new Core.Assessments.Assessment { Id = Guid.NewGuid(), EntryId = id, CuratorId = "c1", CuratorName = "c1", CreatedAt = now, UpdatedAt = now });
            db.Add(new Core.Assessments.StandardisationGap { Id = Guid.NewGuid(), EntryId = id, Text = "No standard for kiosk tariffs", CuratorId = "c1", CreatedAt = now });
            db.Add(new Core.Conversation.EntryMessage { Id = Guid.NewGuid(), EntryId = id, AuthorId = "u1", AuthorName = "u1", Text = "Revised the body.", At = now });
            db.Add(new Core.Attachments.Attachment { Id = Guid.NewGuid(), EntryId = id, Name = "plan.pdf", StorageKey = "k", Sha256 = "0", AddedAt = now });
            return db.SaveChangesAsync();
        });

        await MoveAsync(id, Actor.Curator, (e, a) => EntryWorkflow.Decide(e, a, Decision.Publish, DateTimeOffset.UtcNow));

        var moved = await Db(async db => (
            await db.Assessments.IgnoreQueryFilters().CountAsync(a => a.EntryId == published.Id),
            await db.StandardisationGaps.IgnoreQueryFilters().CountAsync(g => g.EntryId == published.Id),
            await db.EntryMessages.CountAsync(m => m.EntryId == published.Id),
            await db.Attachments.CountAsync(a => a.EntryId == published.Id)));
        Assert.Equal((1, 1, 1, 1), moved);
        Assert.False(await Db(db => db.Entries.IgnoreQueryFilters().AnyAsync(e => e.Id == id)));
    }

    [StoreTheory]
    [InlineData(Decision.Return)]
    [InlineData(Decision.Reject)]
    public async Task A_returned_or_rejected_revision_leaves_the_published_entry_untouched(Decision decision)
    {
        var published = await PublishedAsync();
        var owner = Actor.MemberOf(published.OrganizationId!.Value, "u1");
        var id = await StartAsync(published.Id, owner);
        await Db(async db =>
        {
            (await db.Entries.SingleAsync(e => e.Id == id)).Body = "Changed in the revision only.";
            return await db.SaveChangesAsync();
        });
        await MoveAsync(id, owner, (e, a) => EntryWorkflow.Submit(e, a, DateTimeOffset.UtcNow));
        await MoveAsync(id, Actor.Curator, (e, a) => EntryWorkflow.Claim(e, a, DateTimeOffset.UtcNow));
        await MoveAsync(id, Actor.Curator, (e, a) => EntryWorkflow.Decide(e, a, decision, DateTimeOffset.UtcNow, "Not yet."));

        var entry = await Db(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == published.Id));
        Assert.Equal((published.Body, published.Version, EntryStatus.Published), (entry.Body, entry.Version, entry.Status));
        var versions = await Db(db => db.EntryVersions.AsNoTracking().Where(v => v.Pid == published.Pid).OrderBy(v => v.Number).Select(v => v.Outcome).ToListAsync());
        Assert.Equal([VersionOutcome.Published, decision == Decision.Return ? VersionOutcome.Returned : VersionOutcome.Rejected], versions);
    }

    [StoreFact]
    public async Task The_public_sees_only_published_versions_of_public_entries_and_owners_see_all()
    {
        var published = await PublishedAsync();
        var owner = Actor.MemberOf(published.OrganizationId!.Value, "u1");
        var id = await StartAsync(published.Id, owner);
        await MoveAsync(id, owner, (e, a) => EntryWorkflow.Submit(e, a, DateTimeOffset.UtcNow));

        Task<List<int>> Seen(Actor actor) => Db(db => db.EntryVersions.AsNoTracking().Where(v => v.Pid == published.Pid)
            .VisibleTo(actor.Audience).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync());
        Assert.Equal([1], await Seen(Actor.Anonymous));
        Assert.Equal([1], await Seen(Actor.MemberOf(Guid.NewGuid())));
        Assert.Equal([1, 2], await Seen(owner));
        Assert.Equal([1, 2], await Seen(Actor.Curator));
    }

    [StoreFact]
    public void A_diff_names_the_words_inserted_and_deleted_and_the_tags_added_and_removed()
    {
        var older = new VersionSnapshot { Body = "Water meters in Nairobi.", Sdgs = ["6"] };
        var newer = new VersionSnapshot { Body = "Smart water meters in Mombasa.", Sdgs = ["6", "11"] };

        var diff = VersionDiff.Between(older, newer);

        var body = diff.Fields.Single(f => f.Field == "Body");
        Assert.Equal(newer.Body, string.Concat(body.Segments.Where(s => s.Kind != DiffKind.Deleted).Select(s => s.Text)));
        Assert.Equal(older.Body, string.Concat(body.Segments.Where(s => s.Kind != DiffKind.Inserted).Select(s => s.Text)));
        Assert.Contains(new DiffSegment(DiffKind.Deleted, "Nairobi"), body.Segments);
        Assert.Contains(new DiffSegment(DiffKind.Inserted, "Mombasa"), body.Segments);
        var sdgs = diff.Tags.Single(t => t.Field == "Sdgs");
        Assert.Equal(["11"], sdgs.Added);
        Assert.Empty(sdgs.Removed);
        Assert.Equal(["6"], sdgs.Kept);
        Assert.False(diff.Fields.Single(f => f.Field == "Title").Changed);
    }
}
