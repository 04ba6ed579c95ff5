using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Search;

/// <summary>
/// Display names of facet values (SDG short titles, country and region names...), read from the
/// taxonomies once and kept: taxonomies change only with a seed update, which restarts the host.
/// </summary>
public sealed class SearchLabels(IServiceScopeFactory scopes) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Dictionary<(string Facet, string Value), string>? _labels;

    private static readonly Dictionary<(string, string), string> Fixed = new()
    {
        [(Facets.Type, SearchTypes.UseCase)] = "Use case",
        [(Facets.Type, SearchTypes.BestPractice)] = "Best practice",
        [(Facets.Group, "LDC")] = "Least developed countries",
        [(Facets.Group, "LLDC")] = "Landlocked developing countries",
        [(Facets.Group, "SIDS")] = "Small island developing states",
        [(Facets.Stage, "concept")] = "Concept",
        [(Facets.Stage, "pilot")] = "Pilot",
        [(Facets.Stage, "deployed")] = "Deployed",
        [(Facets.Stage, "scaled")] = "Scaled",
    };

    public async Task<Func<string, string, string>> GetAsync(CancellationToken cancellationToken = default)
    {
        var labels = _labels ?? await LoadAsync(cancellationToken);
        return (facet, value) => labels.TryGetValue((facet, value), out var label) ? label : Fallback(facet, value);
    }

    /// <summary>Language names, worked out once each (culture lookups take a process-wide lock).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> LanguageNames = new(StringComparer.Ordinal);

    private static string Fallback(string facet, string value) =>
        facet == Facets.Language ? LanguageNames.GetOrAdd(value, NativeName) : value;

    private static string NativeName(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language).NativeName;
        }
        catch (CultureNotFoundException)
        {
            return language;
        }
    }

    private async Task<Dictionary<(string, string), string>> LoadAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_labels is not null)
            {
                return _labels;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var labels = new Dictionary<(string, string), string>(Fixed);
            foreach (var goal in await db.SdgGoals.AsNoTracking().ToListAsync(cancellationToken))
            {
                labels[(Facets.Sdg, goal.Number.ToString(CultureInfo.InvariantCulture))] = goal.ShortTitle;
            }

            Add(labels, Facets.Vertical, await db.Verticals.AsNoTracking().Select(v => new { v.Slug, v.Name }).ToListAsync(cancellationToken), v => v.Slug, v => v.Name);
            Add(labels, Facets.Country, await db.Countries.AsNoTracking().Select(c => new { c.Iso2, c.Name }).ToListAsync(cancellationToken), c => c.Iso2, c => c.Name);
            Add(labels, Facets.Technology, await db.Technologies.AsNoTracking().Select(t => new { t.Slug, t.Name }).ToListAsync(cancellationToken), t => t.Slug, t => t.Name);
            var regions = await db.Regions.AsNoTracking().Select(r => new { r.Code, r.Name }).ToListAsync(cancellationToken);
            Add(labels, Facets.Region, regions, r => r.Code, r => r.Name);
            Add(labels, Facets.Subregion, regions, r => r.Code, r => r.Name);
            _labels = labels;
            return labels;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();

    private static void Add<T>(Dictionary<(string, string), string> labels, string facet, IEnumerable<T> items, Func<T, string> value, Func<T, string> label)
    {
        foreach (var item in items)
        {
            labels[(facet, value(item))] = label(item);
        }
    }
}
