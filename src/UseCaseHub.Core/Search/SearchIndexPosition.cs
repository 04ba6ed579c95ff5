using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UseCaseHub.Core.Search;

/// <summary>
/// How far one host-local index (a Lucene folder on one machine) has followed the outbox: every outbox row up to
/// <see cref="Position"/> is in it. Outbox rows are removed only when every index seen lately has passed them.
/// </summary>
public sealed class SearchIndexPosition
{
    /// <summary>The machine and the index folder (see <see cref="ISearchEngine.LocalIndex"/>), hashed when long.</summary>
    public required string Index { get; set; }

    public long Position { get; set; }

    /// <summary>Last time the host followed the outbox; an index not seen for <c>Hosts:IndexStaleMinutes</c> is not waited for.</summary>
    public DateTimeOffset SeenAt { get; set; }
}

internal sealed class SearchIndexPositionConfiguration : IEntityTypeConfiguration<SearchIndexPosition>
{
    public void Configure(EntityTypeBuilder<SearchIndexPosition> position)
    {
        position.ToTable("SearchIndexPositions");
        position.HasKey(p => p.Index);
        position.Property(p => p.Index).HasMaxLength(200);
        position.Property(p => p.Position).ValueGeneratedNever();
    }
}
