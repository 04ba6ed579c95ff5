using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UseCaseHub.Core.Statistics;

internal sealed class EntryDailyStatConfiguration : IEntityTypeConfiguration<EntryDailyStat>
{
    public void Configure(EntityTypeBuilder<EntryDailyStat> stat)
    {
        stat.ToTable("EntryDailyStats");
        // One row per entry and day: the key is what the flush's increment-or-insert relies on.
        stat.HasKey(s => new { s.EntryId, s.Day });
        // "Most viewed this quarter" reads a range of days across entries.
        stat.HasIndex(s => s.Day);
        // No foreign key: a counter row must never make a flush fail (an entry deleted between the view and the flush);
        // readers join with the entries they may show.
    }
}
