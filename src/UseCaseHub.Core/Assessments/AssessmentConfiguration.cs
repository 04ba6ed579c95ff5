using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UseCaseHub.Core.Assessments;

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> assessment)
    {
        assessment.ToTable("Assessments");
        assessment.HasKey(a => a.Id);
        assessment.HasOne(a => a.Entry).WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Cascade);
        assessment.Property(a => a.CuratorId).HasMaxLength(200);
        assessment.Property(a => a.CuratorName).HasMaxLength(256);
        assessment.Property(a => a.Comment).HasMaxLength(AssessmentRules.OverallCommentMax);
        assessment.Property(a => a.EvidenceLevel).HasConversion<string>().HasMaxLength(32);
        assessment.Property(a => a.Decision).HasMaxLength(16);
        // Scores belong to their assessment only: one JSON column, written and read with it.
        assessment.OwnsMany(a => a.Scores, scores => scores.ToJson());
        assessment.HasIndex(a => new { a.EntryId, a.SealedAt });
    }
}

internal sealed class StandardisationGapConfiguration : IEntityTypeConfiguration<StandardisationGap>
{
    public void Configure(EntityTypeBuilder<StandardisationGap> gap)
    {
        gap.ToTable("StandardisationGaps");
        gap.HasKey(g => g.Id);
        gap.HasOne(g => g.Entry).WithMany().HasForeignKey(g => g.EntryId).OnDelete(DeleteBehavior.Cascade);
        gap.Property(g => g.Text).HasMaxLength(AssessmentRules.GapTextMax);
        gap.Property(g => g.CuratorId).HasMaxLength(200);
        gap.Property(g => g.CuratorName).HasMaxLength(256);
        gap.HasMany(g => g.Standards).WithMany().UsingEntity("StandardisationGapStandards");
        gap.HasIndex(g => new { g.EntryId, g.SealedAt });
    }
}
