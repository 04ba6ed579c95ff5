using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Core.Versions;

/// <summary>
/// The one place versions are recorded, run by the context before every save (like the search outbox), so every door
/// (API actions, site pages, the importer, the bulk endpoint) records them: an entry or revision entering Submitted
/// gets a pending snapshot; a decision or withdrawal gives the pending snapshot its outcome; entering Published
/// refreshes the pending snapshot to what is published (a curator may have retagged it) or, if there was none (the
/// importer), records a published one. Then published revisions are applied onto their entries
/// (<see cref="EntryRevisions.ApplyPublished"/>).
/// </summary>
public static class EntryHistory
{
    public static void BeforeSave(HubDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var moves = new List<(Entry Entry, EntryStatus To)>();
        foreach (var tracked in db.ChangeTracker.Entries<Entry>())
        {
            if (tracked.State == EntityState.Added && tracked.Entity.Status is EntryStatus.Submitted or EntryStatus.Published)
            {
                moves.Add((tracked.Entity, tracked.Entity.Status));
            }
            else if (tracked.State == EntityState.Modified && tracked.Property(e => e.Status) is { IsModified: true } status
                && (EntryStatus)status.OriginalValue! != tracked.Entity.Status)
            {
                moves.Add((tracked.Entity, tracked.Entity.Status));
            }
        }

        if (moves.Count > 0)
        {
            Record(db, moves);
        }

        EntryRevisions.ApplyPublished(db);
    }

    private static void Record(HubDbContext db, List<(Entry Entry, EntryStatus To)> moves)
    {
        var now = DateTimeOffset.UtcNow;
        var versions = db.Set<EntryVersion>();
        var pids = moves.Select(m => m.Entry.Pid).Distinct().ToList();
        // One query for the batch (the importer adds many entries in one save).
        var last = versions.IgnoreQueryFilters().Where(v => pids.Contains(v.Pid)).GroupBy(v => v.Pid)
            .Select(g => new { Pid = g.Key, Number = g.Max(v => v.Number) }).ToDictionary(x => x.Pid, x => x.Number, StringComparer.Ordinal);
        // Read once: every ChangeTracker.Entries() call detects changes across the whole context (per move it cost most of a 100-entry save).
        var tracked = db.ChangeTracker.Entries<EntryVersion>().Select(v => v.Entity).ToList();
        foreach (var (entry, to) in moves)
        {
            var outcome = to switch
            {
                EntryStatus.Submitted => VersionOutcome.Pending,
                EntryStatus.Published => VersionOutcome.Published,
                EntryStatus.ReturnedForRevision => VersionOutcome.Returned,
                EntryStatus.Rejected => VersionOutcome.Rejected,
                EntryStatus.Withdrawn => VersionOutcome.Withdrawn,
                _ => (VersionOutcome?)null,
            };
            if (outcome is null)
            {
                continue;
            }

            var pending = outcome == VersionOutcome.Pending ? null : Pending(db, tracked, entry.Pid);
            if (outcome is VersionOutcome.Pending or VersionOutcome.Published)
            {
                EntryContent.EnsureLoaded(db, entry);
            }

            if (pending is not null)
            {
                pending.Outcome = outcome.Value;
                pending.DecidedAt = now;
                if (outcome == VersionOutcome.Published)
                {
                    Fill(db, pending, entry);
                }
            }
            else if (outcome is VersionOutcome.Pending or VersionOutcome.Published)
            {
                var number = (last.TryGetValue(entry.Pid, out var n) ? n : 0) + 1;
                last[entry.Pid] = number;
                var version = new EntryVersion
                {
                    EntryId = entry.RevisionOfId ?? entry.Id,
                    Pid = entry.Pid,
                    Number = number,
                    Outcome = outcome.Value,
                    RecordedAt = now,
                    DecidedAt = outcome == VersionOutcome.Published ? now : null,
                    FromRevision = entry.RevisionOfId is not null,
                };
                Fill(db, version, entry);
                versions.Add(version);
                tracked.Add(version);
            }
        }
    }

    private static void Fill(HubDbContext db, EntryVersion version, Entry entry)
    {
        var snapshot = VersionSnapshot.Of(entry);
        if (entry.RevisionOfId is { } of)
        {
            // The published entry keeps its own slug whatever the revision's draft said.
            snapshot = snapshot with { Slug = db.Entries.IgnoreQueryFilters().Where(e => e.Id == of).Select(e => e.Slug).First() };
        }

        version.Title = snapshot.Title.Length > 300 ? snapshot.Title[..300] : snapshot.Title;
        version.Snapshot = snapshot.ToJson();
    }

    /// <summary>The version of this PID awaiting its outcome: tracked (added in this save), or stored (at most one is pending at a time).</summary>
    private static EntryVersion? Pending(HubDbContext db, List<EntryVersion> tracked, string pid) =>
        tracked.LastOrDefault(v => v.Pid == pid && v.Outcome == VersionOutcome.Pending)
        ?? db.Set<EntryVersion>().IgnoreQueryFilters().Where(v => v.Pid == pid && v.Outcome == VersionOutcome.Pending)
            .OrderByDescending(v => v.Number).FirstOrDefault();
}
