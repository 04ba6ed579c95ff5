using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Core.Taxonomies;

/// <summary>
/// Loads seeds/ into the store idempotently: new values are added, changed ones updated, equal ones
/// left alone. Values removed from a file stay in the store, since entries may still be tagged with them.
/// </summary>
public sealed class TaxonomySeeder(HubDbContext db, HubPaths paths, ILogger<TaxonomySeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var seeds = paths.Seeds;
        await UpsertAsync(db.SdgGoals, g => g.Number, SeedFiles.Read<GoalSeed>(seeds, "sdgs.yml").Select(g => new SdgGoal
        {
            Number = g.Number,
            ShortTitle = g.Short,
            Title = g.Title,
            Colour = g.Colour.ToUpperInvariant(),
        }), cancellationToken);
        await UpsertAsync(db.SdgTargets, t => t.Code, SeedFiles.Read<GoalSeed>(seeds, "sdgs.yml").SelectMany(g =>
            g.Targets.Select(t => new SdgTarget { Code = t.Code, GoalNumber = g.Number, Text = t.Text })), cancellationToken);
        await UpsertAsync(db.Regions, r => r.Code, SeedFiles.Read<RegionSeed>(seeds, "regions.yml").Select(r => new Region
        {
            Code = r.Code,
            Name = r.Name,
            ParentCode = r.Parent,
            Level = ParseLevel(r.Level),
        }), cancellationToken);
        await UpsertAsync(db.ItuRegions, r => r.Code, SeedFiles.Read<CodeNameSeed>(seeds, "itu-regions.yml").Select(r => new ItuRegion
        {
            Code = r.Code,
            Name = r.Name,
        }), cancellationToken);
        await UpsertAsync(db.Countries, c => c.Iso2, SeedFiles.Read<CountrySeed>(seeds, "countries.yml").Select(c => new Country
        {
            Iso2 = c.Iso2,
            Iso3 = c.Iso3,
            M49 = c.M49,
            Name = c.Name,
            RegionCode = c.Region,
            SubRegionCode = c.Subregion,
            IntermediateRegionCode = c.Intermediate,
            ItuRegionCode = c.ItuRegion,
            Ldc = c.Groups.Contains("LDC"),
            Lldc = c.Groups.Contains("LLDC"),
            Sids = c.Groups.Contains("SIDS"),
        }), cancellationToken);
        await UpsertAsync(db.Verticals, v => v.Slug, SeedFiles.Read<VerticalSeed>(seeds, "verticals.yml").Select(v => new Vertical
        {
            Slug = v.Slug,
            Name = v.Name,
            Description = v.Description,
        }), cancellationToken);
        await UpsertAsync(db.Technologies, t => t.Slug, SeedFiles.Read<TechnologySeed>(seeds, "technologies.yml").Select(t => new Technology
        {
            Slug = t.Slug,
            Name = t.Name,
            Aliases = t.Aliases,
        }), cancellationToken);
        var ituT = SeedFiles.Read<RecommendationSeed>(seeds, "itu-t-recommendations.yml").Select(r => new Standard
        {
            Code = Standard.ItuTPrefix + r.Number,
            Title = r.Title,
            Publisher = "ITU-T",
            Kind = r.Number.StartsWith("Y Suppl.", StringComparison.Ordinal) ? StandardKind.ItuTSupplement : StandardKind.ItuTRecommendation,
            AlsoKnownAs = r.Also,
            Approved = r.Approved,
            Withdrawn = r.Status == "withdrawal",
            Url = r.Url,
        });
        var others = SeedFiles.Read<StandardSeed>(seeds, "standards.yml").Select(s => new Standard
        {
            Code = s.Code,
            Title = s.Name,
            Publisher = s.Body,
            Kind = StandardKind.Other,
        });
        await UpsertAsync(db.Standards, s => s.Code, ituT.Concat(others), cancellationToken);
    }

    private static RegionLevel ParseLevel(string level) => level switch
    {
        "world" => RegionLevel.World,
        "region" => RegionLevel.Region,
        "subregion" => RegionLevel.SubRegion,
        "intermediate" => RegionLevel.IntermediateRegion,
        _ => throw new InvalidDataException($"regions.yml: unknown level '{level}'"),
    };

    private async Task UpsertAsync<T, TKey>(DbSet<T> set, Func<T, TKey> key, IEnumerable<T> fresh, CancellationToken cancellationToken)
        where T : class
        where TKey : notnull
    {
        var existing = (await set.ToListAsync(cancellationToken)).ToDictionary(key);
        var added = 0;
        foreach (var item in fresh)
        {
            if (existing.TryGetValue(key(item), out var current))
            {
                var entry = db.Entry(current);
                entry.CurrentValues.SetValues(item);
                foreach (var collection in entry.Properties.Where(p => p.Metadata.IsPrimitiveCollection))
                {
                    collection.CurrentValue = typeof(T).GetProperty(collection.Metadata.Name)!.GetValue(item);
                }
            }
            else
            {
                set.Add(item);
                existing[key(item)] = item;
                added++;
            }
        }

        var changed = db.ChangeTracker.Entries<T>().Count(e => e.State == EntityState.Modified);
        await db.SaveChangesAsync(cancellationToken);
        if (added + changed > 0)
        {
            logger.LogInformation("Seeded {Type}: {Added} added, {Changed} updated", typeof(T).Name, added, changed);
        }
    }
}
