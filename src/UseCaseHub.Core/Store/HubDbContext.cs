using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Core.Store;

/// <summary>
/// The catalogue's store: entries, organisations, pages and the taxonomies they are tagged with; accounts and roles
/// (ASP.NET Core Identity) and the OpenID Connect server's clients, authorizations and tokens (OpenIddict).
/// </summary>
public class HubDbContext(DbContextOptions options) : IdentityDbContext<HubUser, IdentityRole<Guid>, Guid>(options),
    Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    public DbSet<Entry> Entries => Set<Entry>();
    public DbSet<UseCase> UseCases => Set<UseCase>();
    public DbSet<BestPractice> BestPractices => Set<BestPractice>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Page> Pages => Set<Page>();
    public DbSet<SdgGoal> SdgGoals => Set<SdgGoal>();
    public DbSet<SdgTarget> SdgTargets => Set<SdgTarget>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<ItuRegion> ItuRegions => Set<ItuRegion>();
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<Vertical> Verticals => Set<Vertical>();
    public DbSet<Technology> Technologies => Set<Technology>();
    public DbSet<Standard> Standards => Set<Standard>();
    public DbSet<TaxonomyLabel> TaxonomyLabels => Set<TaxonomyLabel>();

    /// <summary>Entries changed since the search index last caught up (see <see cref="Search.SearchOutbox"/>).</summary>
    public DbSet<SearchOutboxItem> SearchOutbox => Set<SearchOutboxItem>();

    /// <summary>The append-only audit log (written through <see cref="Audit.AuditLog"/>, never changed).</summary>
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();

    /// <summary>People's inboxes, derived from the audit records of each save (see <see cref="UseCaseHub.Core.Notifications.NotificationDeriver"/>).</summary>
    public DbSet<UseCaseHub.Core.Notifications.Notification> Notifications => Set<UseCaseHub.Core.Notifications.Notification>();

    /// <summary>Entries flagged for re-validation ("still deployed?").</summary>
    public DbSet<Revalidation.RevalidationFlag> RevalidationFlags => Set<Revalidation.RevalidationFlag>();

    /// <summary>Every submitted and published version of every entry (recorded by <see cref="Versions.EntryHistory"/>).</summary>
    public DbSet<Versions.EntryVersion> EntryVersions => Set<Versions.EntryVersion>();

    /// <summary>Curators' rubric scores, sealed by the decision they led to.</summary>
    public DbSet<Assessments.Assessment> Assessments => Set<Assessments.Assessment>();

    /// <summary>Where standards were missing, as curators noted it.</summary>
    public DbSet<Assessments.StandardisationGap> StandardisationGaps => Set<Assessments.StandardisationGap>();

    /// <summary>Each submission's conversation between its submitters and the curators.</summary>
    public DbSet<Conversation.EntryMessage> EntryMessages => Set<Conversation.EntryMessage>();
    /// <summary>Files attached to entries (the bytes are in the attachment store).</summary>
    public DbSet<Attachments.Attachment> Attachments => Set<Attachments.Attachment>();

    /// <summary>Entries' linked translations into other UN languages (same PID, own slug).</summary>
    public DbSet<Catalogue.Translations.EntryTranslation> EntryTranslations => Set<Catalogue.Translations.EntryTranslation>();

    /// <summary>Jobs one host runs at a time (see <see cref="Hosts.DbLease"/>).</summary>
    public DbSet<Hosts.HubLease> Leases => Set<Hosts.HubLease>();

    /// <summary>How far each host-local search index has followed the outbox.</summary>
    public DbSet<SearchIndexPosition> SearchIndexPositions => Set<SearchIndexPosition>();

    /// <summary>The data-protection key ring when <c>Identity:Keys:Store=Database</c> (cookies, antiforgery, reset links).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();
    /// <summary>Views and downloads per entry and day (no personal data: see <see cref="Statistics.EntryDailyStat"/>).</summary>
    public DbSet<Statistics.EntryDailyStat> EntryDailyStats => Set<Statistics.EntryDailyStat>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.IsSqlite())
        {
            // SQLite cannot order or compare DateTimeOffset; we only store UTC, so ticks order correctly.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(HubDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Audit.AuditLog.EnsureAppendOnly(ChangeTracker);
        // Versions recorded and published revisions applied before stamping, so the entries they change are stamped too.
        Versions.EntryHistory.BeforeSave(this);
        StampChanges();
        var queued = Search.SearchOutbox.Enqueue(this);
        // SQLite answers synchronously anyway; the deriver is written once, async.
        var mails = UseCaseHub.Core.Notifications.NotificationDeriver.AddAsync(this).GetAwaiter().GetResult();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        NotifyIfQueued(queued, mails);
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // The one place the audit log's append-only rule is enforced, for every writer.
        Audit.AuditLog.EnsureAppendOnly(ChangeTracker);
        // Versions recorded and published revisions applied before stamping, so the entries they change are stamped too.
        Versions.EntryHistory.BeforeSave(this);
        StampChanges();
        // Every writer (site, API, importer) queues its changed entries for the search index in the same transaction.
        var queued = Search.SearchOutbox.Enqueue(this);
        // Notifications follow from the audit records this save adds, in the same transaction.
        var mails = await UseCaseHub.Core.Notifications.NotificationDeriver.AddAsync(this, cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        NotifyIfQueued(queued, mails);
        return saved;
    }

    private static void NotifyIfQueued(int queued, int mails)
    {
        if (queued > 0)
        {
            Search.SearchOutbox.NotifyWritten();
        }

        if (mails > 0)
        {
            UseCaseHub.Core.Notifications.NotificationDeriver.NotifyMailQueued();
        }
    }

    private void StampChanges()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var entry in ChangeTracker.Entries<Entry>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.CreatedAt = entry.Entity.CreatedAt == default ? now : entry.Entity.CreatedAt;
                entry.Entity.UpdatedAt = now;
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Entity.UpdatedAt = now;
                entry.Entity.ConcurrencyStamp = Guid.NewGuid();
            }
        }
    }
}
