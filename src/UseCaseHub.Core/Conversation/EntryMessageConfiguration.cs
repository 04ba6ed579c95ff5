using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UseCaseHub.Core.Conversation;

internal sealed class EntryMessageConfiguration : IEntityTypeConfiguration<EntryMessage>
{
    public void Configure(EntityTypeBuilder<EntryMessage> message)
    {
        message.ToTable("EntryMessages");
        message.HasKey(m => m.Id);
        message.HasOne(m => m.Entry).WithMany().HasForeignKey(m => m.EntryId).OnDelete(DeleteBehavior.Cascade);
        message.Property(m => m.AuthorId).HasMaxLength(200);
        message.Property(m => m.AuthorName).HasMaxLength(256);
        message.Property(m => m.Side).HasConversion<string>().HasMaxLength(16);
        message.Property(m => m.Text).HasMaxLength(ConversationRules.TextMax);
        message.HasIndex(m => new { m.EntryId, m.At });
    }
}
