using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UseCaseHub.Core.Catalogue.Translations;

internal sealed class EntryTranslationConfiguration : IEntityTypeConfiguration<EntryTranslation>
{
    public void Configure(EntityTypeBuilder<EntryTranslation> translation)
    {
        translation.ToTable("EntryTranslations");
        translation.Property(t => t.Id).ValueGeneratedNever();
        // Linked to the entry row (not its PID): a revision shares the PID but is never translated, and a published
        // revision is applied onto this same entry id, so the translations stay linked. The Entries' filtered PID and
        // slug indexes are untouched; translations have their own.
        translation.HasOne(t => t.Entry).WithMany().HasForeignKey(t => t.EntryId).OnDelete(DeleteBehavior.Cascade);
        translation.Property(t => t.Language).HasMaxLength(35);
        translation.HasIndex(t => new { t.EntryId, t.Language }).IsUnique();
        translation.Property(t => t.Slug).HasMaxLength(120);
        translation.HasIndex(t => t.Slug).IsUnique();
        translation.Property(t => t.Title).HasMaxLength(300);
        translation.Property(t => t.Summary).HasMaxLength(2000);
        translation.Property(t => t.TranslatedBy).HasMaxLength(300);
        translation.Property(t => t.ReviewedBy).HasMaxLength(300);
        translation.Property(t => t.ContentHash).HasMaxLength(64);
        translation.OwnsMany(t => t.Scale, scale => scale.ToJson());
    }
}
