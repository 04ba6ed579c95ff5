using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Catalogue.Translations;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Exports;

/// <summary>
/// Search hits read back from the store as whole entries, in hit order, under the same rule search applies (an index
/// running behind never widens it). A hit in the reader's language may be a translation (its own id): the entry is read
/// and returned in that translation. Shared by the offline zip, the search exports and the Atom feed.
/// </summary>
public static class HitEntries
{
    public static async Task<List<Entry>> LoadAsync(HubDbContext db, IReadOnlyList<Guid> ids, SearchAudience audience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        var translations = await db.EntryTranslations.AsNoTracking().VisibleTo(db.Entries, audience)
            .Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var entryIds = ids.Select(id => translations.TryGetValue(id, out var t) ? t.EntryId : id).ToList();
        var loaded = await db.Entries.AsNoTracking().VisibleTo(audience).Where(e => entryIds.Contains(e.Id))
            .Include(e => e.Verticals).Include(e => e.Countries).Include(e => e.Sdgs).Include(e => e.SdgTargets)
            .Include(e => e.Technologies).Include(e => e.Standards).Include(e => e.Organization).Include(e => e.Partners)
            .Include(e => ((BestPractice)e).DrawsOn.Where(u => EntryStatuses.Public.Contains(u.Status)))
            .AsSplitQuery().ToDictionaryAsync(e => e.Id, cancellationToken);
        var entries = new List<Entry>();
        foreach (var id in ids)
        {
            var translation = translations.GetValueOrDefault(id);
            if (loaded.TryGetValue(translation?.EntryId ?? id, out var entry))
            {
                if (translation is not null)
                {
                    TranslatedView.Apply(entry, translation);
                }

                entries.Add(entry);
            }
        }

        return entries;
    }
}
