using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Versions;

/// <summary>What became of a version: pending while assessed, then the decision (or its withdrawal).</summary>
public enum VersionOutcome
{
    Pending,
    Published,
    Returned,
    Rejected,
    Withdrawn,
}

/// <summary>
/// One kept version of an entry (issue 11 item 5): a snapshot of all its fields and tag codes, recorded when the entry
/// or a revision of it is submitted and when it is published (<see cref="EntryHistory"/>), numbered per persistent
/// identifier from 1. Who may see it is <see cref="VersionVisibility"/>'s.
/// </summary>
public sealed class EntryVersion
{
    public long Id { get; set; }

    /// <summary>The entry (never a revision row: a revision's versions belong to the entry it revises).</summary>
    public Guid EntryId { get; set; }

    public Entry? Entry { get; set; }

    public string Pid { get; set; } = "";

    /// <summary>1, 2, 3... per <see cref="Pid"/>.</summary>
    public int Number { get; set; }

    public VersionOutcome Outcome { get; set; }

    /// <summary>When the snapshot was taken (submission, or publication when it was published without one).</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>When the outcome was decided; null while pending.</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Whether it was a revision of the published entry (rather than the entry's own first assessment).</summary>
    public bool FromRevision { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The <see cref="VersionSnapshot"/> as JSON.</summary>
    public string Snapshot { get; set; } = "";

    public VersionSnapshot Content => VersionSnapshot.Parse(Snapshot);
}

internal sealed class EntryVersionConfiguration : IEntityTypeConfiguration<EntryVersion>
{
    public void Configure(EntityTypeBuilder<EntryVersion> version)
    {
        version.ToTable("EntryVersions");
        version.HasKey(v => v.Id);
        version.Ignore(v => v.Content);
        version.Property(v => v.Pid).HasMaxLength(32);
        version.HasIndex(v => new { v.Pid, v.Number }).IsUnique();
        version.HasIndex(v => v.EntryId);
        version.Property(v => v.Outcome).HasConversion<string>().HasMaxLength(16);
        version.Property(v => v.Title).HasMaxLength(300);
        version.HasOne(v => v.Entry).WithMany().HasForeignKey(v => v.EntryId).OnDelete(DeleteBehavior.Cascade);
    }
}
