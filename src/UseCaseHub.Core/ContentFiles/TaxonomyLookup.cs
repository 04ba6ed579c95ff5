using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Core.ContentFiles;

/// <summary>The taxonomies by the names content files and API callers use for them.</summary>
public sealed class TaxonomyLookup
{
    public required IReadOnlyDictionary<string, Vertical> Verticals { get; init; }
    public required IReadOnlyDictionary<string, Country> Countries { get; init; }
    public required IReadOnlyDictionary<int, SdgGoal> Goals { get; init; }
    public required IReadOnlyDictionary<string, SdgTarget> Targets { get; init; }

    /// <summary>By name, slug or alias, case-insensitive.</summary>
    public required IReadOnlyDictionary<string, Technology> Technologies { get; init; }

    /// <summary>By code, case-insensitive; ITU-T texts also by their other numbers.</summary>
    public required IReadOnlyDictionary<string, Standard> Standards { get; init; }

    public static async Task<TaxonomyLookup> LoadAsync(HubDbContext db, CancellationToken cancellationToken = default)
    {
        var technologies = new Dictionary<string, Technology>(StringComparer.OrdinalIgnoreCase);
        foreach (var technology in await db.Technologies.ToListAsync(cancellationToken))
        {
            foreach (var name in technology.Aliases.Append(technology.Slug).Append(technology.Name))
            {
                technologies[name] = technology;
            }
        }

        var standards = new Dictionary<string, Standard>(StringComparer.OrdinalIgnoreCase);
        foreach (var standard in await db.Standards.ToListAsync(cancellationToken))
        {
            standards.TryAdd(standard.Code, standard);
            foreach (var other in standard.AlsoKnownAs)
            {
                standards.TryAdd(Standard.ItuTPrefix + other, standard);
            }
        }

        return new TaxonomyLookup
        {
            Verticals = await db.Verticals.ToDictionaryAsync(v => v.Slug, StringComparer.OrdinalIgnoreCase, cancellationToken),
            Countries = await db.Countries.ToDictionaryAsync(c => c.Iso2, StringComparer.OrdinalIgnoreCase, cancellationToken),
            Goals = await db.SdgGoals.ToDictionaryAsync(g => g.Number, cancellationToken),
            Targets = await db.SdgTargets.ToDictionaryAsync(t => t.Code, StringComparer.OrdinalIgnoreCase, cancellationToken),
            Technologies = technologies,
            Standards = standards,
        };
    }
}
