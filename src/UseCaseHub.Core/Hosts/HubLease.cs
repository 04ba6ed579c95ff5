using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UseCaseHub.Core.Hosts;

/// <summary>
/// A job only one host may run at a time (the search indexer of a shared engine, the outbox clean-up): the row names
/// the holder and the moment its claim lapses unless renewed. A host that dies simply stops renewing.
/// </summary>
public sealed class HubLease
{
    public required string Name { get; set; }

    public required string Holder { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class HubLeaseConfiguration : IEntityTypeConfiguration<HubLease>
{
    public void Configure(EntityTypeBuilder<HubLease> lease)
    {
        lease.ToTable("HubLeases");
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(100);
        lease.Property(l => l.Holder).HasMaxLength(200);
    }
}
