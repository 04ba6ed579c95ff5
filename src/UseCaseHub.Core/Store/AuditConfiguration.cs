using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UseCaseHub.Core.Audit;

namespace UseCaseHub.Core.Store;

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> audit)
    {
        audit.ToTable("AuditLog");
        audit.HasKey(a => a.Id);
        audit.Property(a => a.ActorId).HasMaxLength(200);
        audit.Property(a => a.ActorName).HasMaxLength(256);
        audit.Property(a => a.ActorRole).HasMaxLength(24);
        audit.Property(a => a.Action).HasMaxLength(48);
        audit.Property(a => a.SubjectType).HasMaxLength(24);
        audit.Property(a => a.SubjectId).HasMaxLength(200);
        audit.Property(a => a.SubjectLabel).HasMaxLength(400);
        audit.Property(a => a.Note).HasMaxLength(4000);
        // The viewer reads newest first and filters by a date range; the action filter is the other common one.
        audit.HasIndex(a => a.At);
        audit.HasIndex(a => new { a.Action, a.At });
    }
}
