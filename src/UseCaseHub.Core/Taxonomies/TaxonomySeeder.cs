using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Core.Taxonomies;

/// <summary>
/// Loads seeds/ into the store idempotently: new values are added, changed ones updated, equal ones
/// left alone. Values removed from a file stay in the store, since entries may still be tagged with them.
/// </summary>
public sealed class TaxonomySeeder(HubDbContext db, HubPaths paths, ILogger<TaxonomySeeder> logger, TaxonomyLabels? labels = null)
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
        await UpsertAsync(db.TaxonomyLabels, l => (l.Kind, l.Value, l.Language), await LabelsAsync(seeds, cancellationToken), cancellationToken);
        labels?.Invalidate();
    }

    /// <summary>
    /// Labels in six languages: English is the name in the value's own seed file (one place for it), the other
    /// five come from seeds/labels/{kind}.yml, whose rows are <c>value</c> plus one key per language (files for
    /// kinds without a seed file of their own, such as stages, carry <c>en</c> too).
    /// </summary>
    private async Task<List<TaxonomyLabel>> LabelsAsync(string seeds, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<(string Kind, string Value, string Language), string>();
        void Add(string kind, string value, string language, string text) => labels[(kind, value, language)] = text;

        foreach (var goal in await db.SdgGoals.AsNoTracking().ToListAsync(cancellationToken))
        {
            var number = goal.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Add(TaxonomyKinds.Sdg, number, "en", goal.ShortTitle);
            Add(TaxonomyKinds.SdgTitle, number, "en", goal.Title);
        }

        foreach (var target in await db.SdgTargets.AsNoTracking().ToListAsync(cancellationToken))
        {
            Add(TaxonomyKinds.Target, target.Code, "en", target.Text);
        }

        foreach (var country in await db.Countries.AsNoTracking().ToListAsync(cancellationToken))
        {
            Add(TaxonomyKinds.Country, country.Iso2, "en", country.Name);
        }

        foreach (var region in await db.Regions.AsNoTracking().ToListAsync(cancellationToken))
        {
            Add(TaxonomyKinds.Region, region.Code, "en", region.Name);
        }

        foreach (var region in await db.ItuRegions.AsNoTracking().ToListAsync(cancellationToken))
        {
            Add(TaxonomyKinds.ItuRegion, region.Code, "en", region.Name);
        }

        foreach (var vertical in await db.Verticals.AsNoTracking().ToListAsync(cancellationToken))
        {
            Add(TaxonomyKinds.Vertical, vertical.Slug, "en", vertical.Name);
        }

        foreach (var technology in await db.Technologies.AsNoTracking().ToListAsync(cancellationToken))
        {
            Add(TaxonomyKinds.Technology, technology.Slug, "en", technology.Name);
        }

        var folder = Path.Combine(seeds, "labels");
        foreach (var kind in TaxonomyKinds.All)
        {
            foreach (var row in SeedFiles.Read<Dictionary<string, string>>(folder, kind + ".yml"))
            {
                if (!row.TryGetValue("value", out var value) || string.IsNullOrWhiteSpace(value))
                {
                    throw new InvalidDataException($"{Path.Combine(folder, kind + ".yml")}: a row has no value");
                }

                foreach (var (language, text) in row.Where(r => r.Key != "value"))
                {
                    if (!TaxonomyKinds.Languages.Contains(language))
                    {
                        throw new InvalidDataException($"{Path.Combine(folder, kind + ".yml")}: {value}: unknown language '{language}'");
                    }

                    // English stays the value's own seed name where it has one.
                    if (language != "en" || !labels.ContainsKey((kind, value, "en")))
                    {
                        Add(kind, value, language, text.Trim());
                    }
                }
            }
        }

        return labels.Select(l => new TaxonomyLabel { Kind = l.Key.Kind, Value = l.Key.Value, Language = l.Key.Language, Text = l.Value }).ToList();
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
