using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UseCaseHub.Core.Taxonomies;

internal sealed class TaxonomyLabelConfiguration : IEntityTypeConfiguration<TaxonomyLabel>
{
    public void Configure(EntityTypeBuilder<TaxonomyLabel> label)
    {
        label.ToTable("TaxonomyLabels");
        label.HasKey(l => new { l.Kind, l.Value, l.Language });
        label.Property(l => l.Kind).HasMaxLength(16);
        // Slugs of verticals and technologies run to 64 (see TaxonomyConfiguration); PostgreSQL enforces the length, SQLite never did.
        label.Property(l => l.Value).HasMaxLength(64);
        label.Property(l => l.Language).HasMaxLength(2);
    }
}
