using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Core.Workflow;

/// <summary>
/// Revisions of published entries (issue 11 item 1). A revision is an entry row in the workflow (Draft, Submitted...)
/// with <see cref="Entry.RevisionOfId"/> naming the published entry and the same PID and slug; it is edited, submitted,
/// claimed and decided like any entry (<see cref="EntryWorkflow"/>), while the published entry stays as it was. When the
/// revision is published, <see cref="ApplyPublished"/> (run by the context before every save, whatever the door) copies
/// its content onto the published entry (same id, PID and slug) and removes the revision row, in the same save. A
/// returned, rejected or withdrawn revision leaves the published entry untouched. Revisions are never public things:
/// the site and the importer read only the entries themselves (<see cref="Canonical"/>), and the search index skips them.
/// </summary>
public static class EntryRevisions
{
    /// <summary>The filter of the PID and slug unique indexes: they hold among entries that are not revisions.</summary>
    public const string NotARevisionSql = "\"RevisionOfId\" IS NULL";

    /// <summary>The filter of the "one open revision per entry" unique index: a withdrawn or rejected revision is closed.</summary>
    public const string OpenRevisionSql = "\"RevisionOfId\" IS NOT NULL AND \"Status\" NOT IN ('Withdrawn', 'Rejected')";

    /// <summary>States of a revision that is over: another may be started.</summary>
    public static IReadOnlyList<EntryStatus> ClosedStates { get; } = [EntryStatus.Withdrawn, EntryStatus.Rejected];

    public static bool IsRevision(this Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.RevisionOfId is not null;
    }

    /// <summary>The entries themselves, without revision rows: what public lists, PID lookups and the importer read.</summary>
    public static IQueryable<T> Canonical<T>(this IQueryable<T> entries)
        where T : Entry => entries.Where(e => e.RevisionOfId == null);

    /// <summary>Open revisions (not withdrawn or rejected) of the given entry.</summary>
    public static Expression<Func<Entry, bool>> OpenRevisionOf(Guid entryId) =>
        e => e.RevisionOfId == entryId && e.Status != EntryStatus.Withdrawn && e.Status != EntryStatus.Rejected;

    /// <summary>Whether the actor may start a revision of this entry now (for showing the button; <see cref="StartAsync"/> checks again).</summary>
    public static bool MayRevise(Entry entry, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        return entry.RevisionOfId is null && entry.Status == EntryStatus.Published && EntryWorkflow.IsOwnerSide(entry, actor);
    }

    /// <summary>The open revision of an entry, if any (whoever asks: the caller decides what to show).</summary>
    public static Task<Guid?> OpenRevisionIdAsync(HubDbContext db, Guid entryId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Entries.IgnoreQueryFilters().Where(OpenRevisionOf(entryId)).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Starts a revision of a published entry: the owner side only (members of its organisation, curators for an entry
    /// no organisation owns, admins), at most one open at a time. The new Draft copies the entry's content and tags,
    /// keeps its PID and slug, and is added to the context with its audit record; the caller saves.
    /// </summary>
    public static async Task<Entry> StartAsync(HubDbContext db, Guid entryId, Actor actor, AuditActor auditActor, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(auditActor);
        var entry = await LoadWithContent(db, entryId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new EntryStateException("Revise", EntryStatus.Draft, null, actor.Role, RefusalReason.NotPermitted, "There is no such entry.");
        if (!EntryWorkflow.IsOwnerSide(entry, actor))
        {
            throw new EntryStateException("Revise", entry.Status, EntryStatus.Draft, actor.Role, RefusalReason.NotPermitted,
                $"{Capitalised(actor.DescribeFor(entry))} may not revise this entry: only members of its organisation may.");
        }

        if (entry.RevisionOfId is not null || entry.Status != EntryStatus.Published)
        {
            throw new EntryStateException("Revise", entry.Status, EntryStatus.Draft, actor.Role, RefusalReason.WrongState,
                entry.RevisionOfId is not null
                    ? "This is already a revision; edit it instead."
                    : $"The entry is {entry.Status}; only a Published entry is revised (edit a draft or a returned entry directly).");
        }

        if (await OpenRevisionIdAsync(db, entry.Id, cancellationToken) is { } open)
        {
            throw new EntryStateException("Revise", entry.Status, EntryStatus.Draft, actor.Role, RefusalReason.WrongState,
                $"The entry already has an open revision ({open}); continue that one.");
        }

        var revision = entry is UseCase ? (Entry)new UseCase() : new BestPractice();
        revision.Id = Guid.NewGuid();
        revision.Pid = entry.Pid;
        revision.Slug = entry.Slug;
        revision.OrganizationId = entry.OrganizationId;
        revision.RevisionOfId = entry.Id;
        revision.Status = EntryStatus.Draft;
        revision.Version = entry.Version;
        revision.CreatedAt = now;
        CopyContent(entry, revision);
        db.Add(revision);
        db.Audit(auditActor with { Role = actor.Role.ToString() }, AuditActions.EntryRevise, entry, details: new { revision = revision.Id });
        return revision;
    }

    /// <summary>
    /// Run by the context before every save: each revision moving to Published in this save is applied onto its entry
    /// (content and tags; the entry keeps its id, PID, slug, state and first publication date; its version goes up by
    /// one) and its row is removed. Audited on the entry with the actor of the publish move recorded in the same save.
    /// </summary>
    public static void ApplyPublished(HubDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var published = db.ChangeTracker.Entries<Entry>()
            .Where(e => e.State == EntityState.Modified && e.Entity.RevisionOfId is not null && e.Entity.Status == EntryStatus.Published)
            .Select(e => e.Entity).ToList();
        foreach (var revision in published)
        {
            Versions.EntryContent.EnsureLoaded(db, revision);
            var target = LoadWithContent(db, revision.RevisionOfId!.Value).First();
            CopyContent(revision, target);
            target.Version++;
            MoveRecords(db, revision, target);
            db.Remove(revision);
            var move = db.ChangeTracker.Entries<AuditEntry>().Select(a => a.Entity)
                .LastOrDefault(a => a.Action == AuditActions.For(EntryOperation.Publish) && a.SubjectId == revision.Id.ToString());
            var actor = move is null ? new AuditActor(null, "system", "System") : new AuditActor(move.ActorId, move.ActorName, move.ActorRole);
            db.Audit(actor, AuditActions.EntryRevisionApply, target, move?.Note, new { revision = revision.Id, version = target.Version });
        }
    }

    /// <summary>
    /// What was recorded about the revision (its assessments, gaps, conversation and attachments) belongs to the entry
    /// it becomes: moved before the revision row is removed, or the row's cascade would delete them with it. The
    /// navigation is pointed at the entry (not cleared), so no required relationship is ever severed.
    /// </summary>
    private static void MoveRecords(HubDbContext db, Entry revision, Entry target)
    {
        foreach (var assessment in Tracked(db, db.Assessments, a => a.EntryId == revision.Id, a => a.EntryId, revision.Id))
        {
            assessment.Entry = target;
        }

        foreach (var gap in Tracked(db, db.StandardisationGaps, g => g.EntryId == revision.Id, g => g.EntryId, revision.Id))
        {
            gap.Entry = target;
        }

        foreach (var message in Tracked(db, db.EntryMessages, m => m.EntryId == revision.Id, m => m.EntryId, revision.Id))
        {
            message.Entry = target;
        }

        foreach (var attachment in Tracked(db, db.Attachments, a => a.EntryId == revision.Id, a => a.EntryId, revision.Id))
        {
            attachment.EntryId = target.Id;
        }
    }

    /// <summary>The stored rows of a set that point at an entry, plus those added in this save and not stored yet.</summary>
    private static List<T> Tracked<T>(HubDbContext db, DbSet<T> set, Expression<Func<T, bool>> stored, Func<T, Guid> entryOf, Guid entryId)
        where T : class
    {
        var rows = set.IgnoreQueryFilters().Where(stored).ToList();
        rows.AddRange(db.ChangeTracker.Entries<T>().Where(e => e.State == EntityState.Added && entryOf(e.Entity) == entryId)
            .Select(e => e.Entity).Where(e => !rows.Contains(e)));
        return rows;
    }

    /// <summary>An entry with every field and tag the content copy touches, tracked, whatever the context's filter.</summary>
    private static IQueryable<Entry> LoadWithContent(HubDbContext db, Guid id) => db.Entries.IgnoreQueryFilters()
        .Include(e => e.Partners).Include(e => e.Verticals).Include(e => e.Countries).Include(e => e.Sdgs).Include(e => e.SdgTargets)
        .Include(e => e.Technologies).Include(e => e.Standards).Include(e => ((BestPractice)e).DrawsOn)
        .AsSplitQuery().Where(e => e.Id == id);

    /// <summary>
    /// The content a revision carries: every editable field and tag. Identity (id, PID, slug), owner, state and dates are
    /// the entry's own and never copied.
    /// </summary>
    public static void CopyContent(Entry from, Entry to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        to.Title = from.Title;
        to.Summary = from.Summary;
        to.Body = from.Body;
        to.Language = from.Language;
        to.Licence = from.Licence;
        to.Contact = from.Contact;
        to.Sources = [.. from.Sources];
        to.Links = [.. from.Links.Select(l => new EntryLink { Title = l.Title, Url = l.Url })];
        Replace(to.Partners, from.Partners);
        Replace(to.Verticals, from.Verticals);
        Replace(to.Countries, from.Countries);
        Replace(to.Sdgs, from.Sdgs);
        Replace(to.SdgTargets, from.SdgTargets);
        Replace(to.Technologies, from.Technologies);
        Replace(to.Standards, from.Standards);
        if (from is UseCase source && to is UseCase target)
        {
            target.Stage = source.Stage;
            target.StartYear = source.StartYear;
            target.Scale = [.. source.Scale.Select(s => new ScaleFigure { Label = s.Label, Value = s.Value })];
            target.Interoperability = source.Interoperability;
            target.DataAndIdentifiers = source.DataAndIdentifiers;
            target.SecurityAndTrust = source.SecurityAndTrust;
            target.LessonsLearned = source.LessonsLearned;
        }
        else if (from is BestPractice practice && to is BestPractice copy)
        {
            Replace(copy.DrawsOn, practice.DrawsOn);
        }
    }

    // In place, so the context sees links added and removed on a tracked entry.
    private static void Replace<T>(List<T> target, List<T> source)
    {
        if (ReferenceEquals(target, source))
        {
            return;
        }

        var wanted = source.ToList();
        target.RemoveAll(t => !wanted.Contains(t));
        target.AddRange(wanted.Where(w => !target.Contains(w)));
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
