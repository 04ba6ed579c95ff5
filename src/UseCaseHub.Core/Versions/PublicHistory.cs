using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Versions;

/// <summary>
/// What was once public and no longer is: the entries a harvester that copied them must be told to delete. An entry was
/// public when it has a published version (<see cref="EntryHistory"/> records one whenever an entry enters Published,
/// by any door, the importer included). A publication date alone proves nothing: the importer keeps a file's
/// <c>published:</c> on a draft that was never shown. It is no longer public when its status is not one of
/// <see cref="EntryStatuses.Public"/> (an imported file moved to withdrawn or rejected, a status set by an operator).
/// Revision rows are never public on their own and never count.
/// </summary>
public static class PublicHistory
{
    /// <summary>Entries (not revisions) that are public now or were public once.</summary>
    public static IQueryable<Entry> PublicOrOncePublic(IQueryable<Entry> entries, IQueryable<EntryVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(versions);
        var publishedPids = versions.Where(v => v.Outcome == VersionOutcome.Published).Select(v => v.Pid);
        var publicIds = entries.PublicOnly().Select(e => e.Id);
        return entries.Where(e => e.RevisionOfId == null
            && (publicIds.Contains(e.Id) || publishedPids.Contains(e.Pid)));
    }
}
