using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Lucene;

/// <summary>Counted values as <see cref="FacetValue"/> lists, with hierarchical facets nested (region &gt; sub-region &gt; country, goal &gt; target).</summary>
internal static class FacetResults
{
    public static Dictionary<string, IReadOnlyList<FacetValue>> Build(
        FacetCollector collector, IReadOnlyList<string> wanted, IReadOnlyDictionary<string, HashSet<string>> selected, IndexSnapshot snapshot, int limit = 0,
        FacetChildren children = FacetChildren.All)
    {
        var counted = new List<(FacetValueIds.Entry Entry, int Count)>?[32];
        foreach (var facet in wanted.Where(Facets.IsKnown))
        {
            counted[FacetValueIds.FacetIndex(facet)] ??= [];
        }

        var values = collector.Values;
        var counts = collector.Counts;
        for (var id = 0; id < counts.Length; id++)
        {
            if (counts[id] > 0 && counted[values[id].Facet] is { } list)
            {
                list.Add((values[id], counts[id]));
            }
        }

        var flat = new Dictionary<string, List<FacetValue>>(StringComparer.Ordinal);
        foreach (var facet in wanted.Where(Facets.IsKnown).Distinct(StringComparer.Ordinal))
        {
            var index = FacetValueIds.FacetIndex(facet);
            var list = counted[index]!;
            var chosen = selected.GetValueOrDefault(facet);
            foreach (var value in chosen ?? [])
            {
                if (!list.Exists(c => c.Entry.Value == value))
                {
                    list.Add((new FacetValueIds.Entry(index, value, FacetValueIds.OrderOf(index, value)), 0));
                }
            }

            list.Sort(facet is Facets.Sdg or Facets.Target or Facets.Year ? ByOrder : ByCount);
            flat[facet] = list.ConvertAll(c => new FacetValue(c.Entry.Value, c.Count, chosen?.Contains(c.Entry.Value) == true));
        }

        // Children grouped by parent value once, so nesting is linear in the number of values.
        var byParent = Facets.ParentOf.Keys.Where(flat.ContainsKey).ToDictionary(
            child => child, child => flat[child].ToLookup(v => ParentOf(child, v.Value, snapshot) ?? ""), StringComparer.Ordinal);
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        var tree = new Tree(byParent, limit, children);
        foreach (var (facet, list) in flat)
        {
            // The 17 goals are a fixed, familiar set: always all of them.
            result[facet] = tree.Level(facet, Limit(list, facet == Facets.Sdg ? 0 : limit));
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
        private static readonly IReadOnlyDictionary<string, string> ChildOf = Facets.ChildOf;

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

    /// <summary>Goals and targets in their numbering, years newest first.</summary>
    private static int ByOrder((FacetValueIds.Entry Entry, int Count) a, (FacetValueIds.Entry Entry, int Count) b)
    {
        var order = a.Entry.Order.CompareTo(b.Entry.Order);
        return order != 0 ? order : string.CompareOrdinal(a.Entry.Value, b.Entry.Value);
    }

    /// <summary>The most frequent first.</summary>
    private static int ByCount((FacetValueIds.Entry Entry, int Count) a, (FacetValueIds.Entry Entry, int Count) b)
    {
        var order = b.Count.CompareTo(a.Count);
        return order != 0 ? order : string.CompareOrdinal(a.Entry.Value, b.Entry.Value);
    }
}
