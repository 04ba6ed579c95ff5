using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Search;

/// <summary>
/// "This entry changed; the index must catch up." Written in the same transaction as the change, so a
/// crash between the store and the index loses nothing: the indexer finds the row after a restart.
/// </summary>
public sealed class SearchOutboxItem
{
    public long Id { get; set; }
    public Guid EntryId { get; set; }
    public DateTimeOffset EnqueuedAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>Not retried before this moment (backoff after a failure).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class SearchOutboxItemConfiguration : IEntityTypeConfiguration<SearchOutboxItem>
{
    public void Configure(EntityTypeBuilder<SearchOutboxItem> item)
    {
        item.ToTable("SearchOutbox");
        item.HasKey(i => i.Id);
        item.HasIndex(i => i.NextAttemptAt);
        item.Property(i => i.LastError).HasMaxLength(1000);
    }
}

/// <summary>Finds the entries a pending save touches and queues them in the same save.</summary>
public static class SearchOutbox
{
    /// <summary>Raised after a save that queued entries, so an indexer in this process can wake up at once.</summary>
    public static event EventHandler? Written;

    /// <summary>
    /// Entries added, modified or deleted, and entries whose tag links changed: many-to-many links are
    /// join-entity rows (EntryCountries ...) whose foreign key points at an entry.
    /// </summary>
    public static int Enqueue(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = new HashSet<Guid>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            if (entry.Entity is Entry changed)
            {
                ids.Add(changed.Id);
                continue;
            }

            // A translation is a search document of its own (keyed by its id, so a deleted one is removed); its entry
            // is queued too, below, through the foreign key: the original's document lists the languages it has.
            if (entry.Entity is Catalogue.Translations.EntryTranslation translation)
            {
                ids.Add(translation.Id);
            }

            foreach (var key in entry.Metadata.GetForeignKeys())
            {
                if (key.PrincipalEntityType.ClrType.IsAssignableTo(typeof(Entry)) && key.Properties.Count == 1
                    && Value(entry, key.Properties[0].Name) is Guid id)
                {
                    ids.Add(id);
                }
            }
        }

        var now = DateTimeOffset.UtcNow;
        foreach (var id in ids)
        {
            db.Set<SearchOutboxItem>().Add(new SearchOutboxItem { EntryId = id, EnqueuedAt = now, NextAttemptAt = now });
        }

        return ids.Count;
    }

    private static object? Value(EntityEntry entry, string property)
    {
        var value = entry.Property(property);
        return entry.State == EntityState.Deleted ? value.OriginalValue : value.CurrentValue;
    }

    public static void NotifyWritten() => Written?.Invoke(null, EventArgs.Empty);
}
