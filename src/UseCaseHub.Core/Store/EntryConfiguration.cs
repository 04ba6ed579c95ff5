using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Core.Store;

internal sealed class EntryConfiguration : IEntityTypeConfiguration<Entry>
{
    public void Configure(EntityTypeBuilder<Entry> entry)
    {
        entry.ToTable("Entries");
        entry.HasDiscriminator<string>("Type")
            .HasValue<UseCase>(nameof(EntryKind.UseCase))
            .HasValue<BestPractice>(nameof(EntryKind.BestPractice));
        entry.Property<string>("Type").HasMaxLength(16);
        entry.Ignore(e => e.Kind);
        entry.Ignore(e => e.Path);
        entry.Property(e => e.Id).ValueGeneratedNever();
        entry.Property(e => e.Pid).HasMaxLength(32);
        // A revision shares its published entry's PID and slug, so both are unique among the entries themselves only
        // (SQLite and PostgreSQL both take the filter), and an entry has at most one open revision.
        entry.HasIndex(e => e.Pid).IsUnique().HasFilter(EntryRevisions.NotARevisionSql);
        entry.Property(e => e.Slug).HasMaxLength(120);
        entry.HasIndex(e => e.Slug).IsUnique().HasFilter(EntryRevisions.NotARevisionSql);
        entry.HasOne<Entry>().WithMany().HasForeignKey(e => e.RevisionOfId).OnDelete(DeleteBehavior.Cascade);
        entry.HasIndex(e => e.RevisionOfId).IsUnique().HasFilter(EntryRevisions.OpenRevisionSql);
        // The filtered index above cannot serve the foreign key: deleting an entry looked for its revisions by reading
        // every entry (2,000 deletes among 100,000 entries took 95 s on PostgreSQL). A plain index serves the cascade.
        entry.HasIndex(e => e.RevisionOfId, "IX_Entries_RevisionOfId_All");
        entry.Property(e => e.Title).HasMaxLength(300);
        entry.Property(e => e.Summary).HasMaxLength(2000);
        entry.Property(e => e.Language).HasMaxLength(35);
        entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(24);
        entry.HasIndex(e => new { e.Status, e.PublishedAt });
        // Covering index for counts and pages by kind and status (OData $count, $filter): without it SQLite
        // reads every large entry row just to check its kind (10x slower at 100,000 entries).
        entry.HasIndex("Type", nameof(Entry.Status), nameof(Entry.Id));
        entry.Property(e => e.Licence).HasMaxLength(64);
        entry.Property(e => e.Contact).HasMaxLength(500);
        entry.Property(e => e.ContentHash).HasMaxLength(64);
        entry.Property(e => e.AssignedCuratorId).HasMaxLength(200);
        entry.Property(e => e.ConcurrencyStamp).IsConcurrencyToken();
        entry.OwnsMany(e => e.Links, links => links.ToJson());

        entry.HasOne(e => e.Organization).WithMany(o => o.Entries).HasForeignKey(e => e.OrganizationId)
            .OnDelete(DeleteBehavior.SetNull);
        entry.HasMany(e => e.Partners).WithMany(o => o.PartnerIn).UsingEntity("EntryPartners");
        entry.HasMany(e => e.Verticals).WithMany(v => v.Entries).UsingEntity("EntryVerticals");
        entry.HasMany(e => e.Countries).WithMany(c => c.Entries).UsingEntity("EntryCountries");
        entry.HasMany(e => e.Sdgs).WithMany(g => g.Entries).UsingEntity("EntrySdgs");
        entry.HasMany(e => e.SdgTargets).WithMany(t => t.Entries).UsingEntity("EntrySdgTargets");
        entry.HasMany(e => e.Technologies).WithMany(t => t.Entries).UsingEntity("EntryTechnologies");
        entry.HasMany(e => e.Standards).WithMany(s => s.Entries).UsingEntity("EntryStandards");
    }
}

internal sealed class UseCaseConfiguration : IEntityTypeConfiguration<UseCase>
{
    public void Configure(EntityTypeBuilder<UseCase> useCase)
    {
        useCase.Property(u => u.Stage).HasConversion<string>().HasMaxLength(16);
        useCase.OwnsMany(u => u.Scale, scale => scale.ToJson());
        useCase.HasMany(u => u.CitedBy).WithMany(b => b.DrawsOn).UsingEntity("BestPracticeUseCases");
    }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> organization)
    {
        organization.Property(o => o.Id).ValueGeneratedNever();
        organization.Property(o => o.Slug).HasMaxLength(120);
        organization.HasIndex(o => o.Slug).IsUnique();
        organization.Property(o => o.Name).HasMaxLength(300);
        organization.Property(o => o.CountryIso2).HasMaxLength(2);
    }
}

internal sealed class PageConfiguration : IEntityTypeConfiguration<Page>
{
    public void Configure(EntityTypeBuilder<Page> page)
    {
        page.Property(p => p.Slug).HasMaxLength(120);
        page.Property(p => p.Language).HasMaxLength(35);
        page.HasIndex(p => new { p.Slug, p.Language }).IsUnique();
        page.Property(p => p.Title).HasMaxLength(300);
        page.Property(p => p.ContentHash).HasMaxLength(64);
    }
}
