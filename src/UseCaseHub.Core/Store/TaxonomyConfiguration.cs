using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Core.Store;

internal sealed class SdgConfiguration : IEntityTypeConfiguration<SdgGoal>, IEntityTypeConfiguration<SdgTarget>
{
    public void Configure(EntityTypeBuilder<SdgGoal> goal)
    {
        goal.HasKey(g => g.Number);
        goal.Property(g => g.Number).ValueGeneratedNever();
        goal.Property(g => g.Colour).HasMaxLength(7);
        goal.HasMany(g => g.Targets).WithOne(t => t.Goal).HasForeignKey(t => t.GoalNumber);
    }

    public void Configure(EntityTypeBuilder<SdgTarget> target)
    {
        target.HasKey(t => t.Code);
        target.Property(t => t.Code).HasMaxLength(8);
    }
}

internal sealed class GeographyConfiguration :
    IEntityTypeConfiguration<Region>, IEntityTypeConfiguration<ItuRegion>, IEntityTypeConfiguration<Country>
{
    public void Configure(EntityTypeBuilder<Region> region)
    {
        region.HasKey(r => r.Code);
        region.Property(r => r.Code).HasMaxLength(3);
        region.Property(r => r.Level).HasConversion<string>().HasMaxLength(24);
    }

    public void Configure(EntityTypeBuilder<ItuRegion> region)
    {
        region.HasKey(r => r.Code);
        region.Property(r => r.Code).HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<Country> country)
    {
        country.HasKey(c => c.Iso2);
        country.Property(c => c.Iso2).HasMaxLength(2);
        country.Property(c => c.Iso3).HasMaxLength(3);
        country.Property(c => c.M49).HasMaxLength(3);
    }
}

internal sealed class TagConfiguration :
    IEntityTypeConfiguration<Vertical>, IEntityTypeConfiguration<Technology>, IEntityTypeConfiguration<Standard>
{
    public void Configure(EntityTypeBuilder<Vertical> vertical)
    {
        vertical.HasKey(v => v.Slug);
        vertical.Property(v => v.Slug).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<Technology> technology)
    {
        technology.HasKey(t => t.Slug);
        technology.Property(t => t.Slug).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<Standard> standard)
    {
        standard.HasKey(s => s.Code);
        standard.Property(s => s.Code).HasMaxLength(64);
        standard.Property(s => s.Kind).HasConversion<string>().HasMaxLength(24);
    }
}
