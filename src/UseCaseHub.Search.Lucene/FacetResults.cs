using System.Globalization;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Lucene;

/// <summary>Counted values as <see cref="FacetValue"/> lists, with hierarchical facets nested (region &gt; sub-region &gt; country, goal &gt; target).</summary>
internal static class FacetResults
{
    public static Dictionary<string, IReadOnlyList<FacetValue>> Build(
        FacetCollector collector, IReadOnlyList<string> wanted, IReadOnlyDictionary<string, HashSet<string>> selected, IndexSnapshot snapshot, int limit = 0,
        FacetChildren children = FacetChildren.All)
    {
        var flat = new Dictionary<string, List<FacetValue>>(StringComparer.Ordinal);
        foreach (var facet in wanted.Where(Facets.IsKnown).Distinct(StringComparer.Ordinal))
        {
            var counts = collector.CountsOf(SegmentFacets.FacetIndex(facet));
            var chosen = selected.GetValueOrDefault(facet) ?? [];
            var values = counts.Select(c => new FacetValue(c.Key, c.Value, chosen.Contains(c.Key)))
                .Concat(chosen.Where(v => !counts.ContainsKey(v)).Select(v => new FacetValue(v, 0, true)));
            flat[facet] = Order(facet, values).ToList();
        }

        // Children grouped by parent value once, so nesting is linear in the number of values.
        var byParent = Facets.ParentOf.Keys.Where(flat.ContainsKey).ToDictionary(
            child => child, child => flat[child].ToLookup(v => ParentOf(child, v.Value, snapshot) ?? ""), StringComparer.Ordinal);
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        var tree = new Tree(byParent, limit, children);
        foreach (var (facet, values) in flat)
        {
            // The 17 goals are a fixed, familiar set: always all of them.
            result[facet] = tree.Level(facet, Limit(values, facet == Facets.Sdg ? 0 : limit));
        }

        return result;
    }

    /// <summary>The most frequent values and every selected one, in the facet's own order.</summary>
    private static List<FacetValue> Limit(IEnumerable<FacetValue> values, int limit)
    {
        var list = values as List<FacetValue> ?? values.ToList();
        if (limit <= 0 || list.Count <= limit)
        {
            return list;
        }

        var kept = list.OrderByDescending(v => v.Count).Take(limit).Concat(list.Where(v => v.Selected)).ToHashSet();
        return list.FindAll(kept.Contains);
    }

    /// <summary>Nests child values under their parents where <see cref="FacetChildren"/> says so.</summary>
    private sealed class Tree(Dictionary<string, ILookup<string, FacetValue>> byParent, int limit, FacetChildren mode)
    {
        private static readonly Dictionary<string, string> ChildOf = Facets.ParentOf.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        public List<FacetValue> Level(string facet, List<FacetValue> values)
        {
            if (!ChildOf.TryGetValue(facet, out var childFacet) || !byParent.TryGetValue(childFacet, out var children))
            {
                return values;
            }

            // With nothing selected at this level, the most frequent value opens (SelectedOrTop).
            var top = mode == FacetChildren.SelectedOrTop && !values.Exists(v => Hot(facet, v))
                ? values.OrderByDescending(v => v.Count).FirstOrDefault()
                : null;
            var nested = new List<FacetValue>(values.Count);
            foreach (var value in values)
            {
                var open = mode == FacetChildren.All || ReferenceEquals(value, top) || Hot(facet, value);
                nested.Add(open && children.Contains(value.Value)
                    ? value with { Children = Level(childFacet, Limit(children[value.Value], limit)) }
                    : value);
            }

            return nested;
        }

        /// <summary>Selected, or holding a selected value somewhere below.</summary>
        private bool Hot(string facet, FacetValue value) =>
            value.Selected || (ChildOf.TryGetValue(facet, out var childFacet) && byParent.TryGetValue(childFacet, out var children)
                && children[value.Value].Any(c => Hot(childFacet, c)));
    }

    private static string? ParentOf(string facet, string value, IndexSnapshot snapshot) =>
        snapshot.ParentValues.TryGetValue((facet, value), out var parent) ? parent
            : facet == Facets.Target && value.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot ? value[..dot] : null;

    private static IEnumerable<FacetValue> Order(string facet, IEnumerable<FacetValue> values) => facet switch
    {
        Facets.Sdg => values.OrderBy(v => Number(v.Value)),
        Facets.Target => values.OrderBy(v => Number(v.Value.Split('.')[0])).ThenBy(v => v.Value.Split('.').ElementAtOrDefault(1)?.PadLeft(3, '0'), StringComparer.Ordinal),
        Facets.Year => values.OrderByDescending(v => v.Value, StringComparer.Ordinal),
        _ => values.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal),
    };

    private static int Number(string value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
}
