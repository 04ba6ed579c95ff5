using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Attachments;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> attachment)
    {
        attachment.ToTable("Attachments");
        attachment.HasKey(a => a.Id);
        attachment.Property(a => a.Id).ValueGeneratedNever();
        attachment.Property(a => a.Name).HasMaxLength(AttachmentNames.MaxLength);
        attachment.Property(a => a.Kind).HasConversion<string>().HasMaxLength(8);
        attachment.Property(a => a.Sha256).HasMaxLength(64);
        attachment.Property(a => a.StorageKey).HasMaxLength(80);
        attachment.HasIndex(a => a.StorageKey).IsUnique();
        attachment.Property(a => a.AddedById).HasMaxLength(200);
        attachment.Property(a => a.AddedByName).HasMaxLength(256);
        attachment.Ignore(a => a.ContentType);
        attachment.Ignore(a => a.IsImage);
        // The entry's page lists its files in the order they were added.
        attachment.HasIndex(a => new { a.EntryId, a.AddedAt });
        attachment.HasOne<Entry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Cascade);
    }
}
