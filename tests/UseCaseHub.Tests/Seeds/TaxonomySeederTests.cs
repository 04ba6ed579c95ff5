using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Tests.Seeds;

public sealed class TaxonomySeederTests
{
    [Fact]
    public async Task Seeds_load_every_taxonomy_with_its_official_size()
    {
        await using var store = await TestStore.CreateAsync();
        var counts = await store.RunAsync<HubDbContext, int[]>(async db =>
        [
            await db.SdgGoals.CountAsync(), await db.SdgTargets.CountAsync(), await db.Countries.CountAsync(),
            await db.ItuRegions.CountAsync(), await db.Verticals.CountAsync(),
            await db.Standards.CountAsync(s => s.Kind == StandardKind.ItuTRecommendation),
        ]);

        Assert.Equal(17, counts[0]);
        Assert.Equal(169, counts[1]);
        Assert.Equal(249, counts[2]);
        Assert.Equal(6, counts[3]);
        Assert.True(counts[4] >= 16, $"{counts[4]} verticals");
        Assert.True(counts[5] >= 250, $"{counts[5]} ITU-T Recommendations");
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        var before = await store.RunAsync<HubDbContext, string>(Snapshot);

        await store.RunAsync<TaxonomySeeder>(s => s.SeedAsync());

        Assert.Equal(before, await store.RunAsync<HubDbContext, string>(Snapshot));
    }

    [Fact]
    public async Task Countries_carry_m49_regions_itu_region_and_development_groups()
    {
        await using var store = await TestStore.CreateAsync();
        var countries = await store.RunAsync<HubDbContext, Dictionary<string, Country>>(db =>
            db.Countries.Where(c => c.Iso2 == "KE" || c.Iso2 == "NE" || c.Iso2 == "FJ" || c.Iso2 == "EG" || c.Iso2 == "KZ")
                .ToDictionaryAsync(c => c.Iso2));

        Assert.Equal(("002", "202", "014", "africa"), (countries["KE"].RegionCode, countries["KE"].SubRegionCode, countries["KE"].IntermediateRegionCode, countries["KE"].ItuRegionCode));
        Assert.Equal(["LDC", "LLDC"], countries["NE"].Groups());
        Assert.Equal(["SIDS"], countries["FJ"].Groups());
        Assert.Equal("arab-states", countries["EG"].ItuRegionCode);
        Assert.Equal("cis", countries["KZ"].ItuRegionCode);
        Assert.Empty(countries["KE"].Groups());
    }

    [Fact]
    public async Task Sdg_goals_have_colours_and_their_targets()
    {
        await using var store = await TestStore.CreateAsync();
        var goal6 = await store.RunAsync<HubDbContext, SdgGoal>(db => db.SdgGoals.Include(g => g.Targets).SingleAsync(g => g.Number == 6));

        Assert.Equal("Clean water and sanitation", goal6.ShortTitle);
        Assert.Matches("^#[0-9A-F]{6}$", goal6.Colour);
        Assert.Equal(8, goal6.Targets.Count);
        Assert.Contains(goal6.Targets, t => t.Code == "6.b");
    }

    private static async Task<string> Snapshot(HubDbContext db) => string.Join("|",
        (await db.Countries.AsNoTracking().OrderBy(c => c.Iso2).ToListAsync()).Select(c => $"{c.Iso2}{c.Name}{c.ItuRegionCode}{c.Ldc}"))
        + string.Join("|", (await db.Standards.AsNoTracking().OrderBy(s => s.Code).ToListAsync()).Select(s => s.Code + s.Title + string.Join(",", s.AlsoKnownAs)))
        + await db.SdgTargets.CountAsync();
}
