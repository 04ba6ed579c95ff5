using System.Globalization;
using Elastic.Clients.Elasticsearch.Aggregations;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Elasticsearch;

/// <summary>
/// The facet aggregations of a response as <see cref="FacetValue"/> lists, shaped exactly as the Lucene engine shapes them:
/// every selected value present (0 when nothing has it), goals, targets and years in their own order, the rest most
/// frequent first, hierarchies nested (region &gt; sub-region &gt; country, goal &gt; target) as <see cref="FacetChildren"/> says.
/// </summary>
internal static class EsFacets
{
    public static Dictionary<string, IReadOnlyList<FacetValue>> Build(
        AggregateDictionary? aggregations, IReadOnlyList<string> wanted, IReadOnlyDictionary<string, List<string>> selected, int limit, FacetChildren children)
    {
        var flat = new Dictionary<string, List<FacetValue>>(StringComparer.Ordinal);
        var parents = new Dictionary<(string Facet, string Value), string>();
        foreach (var facet in wanted.Where(Facets.IsKnown).Distinct(StringComparer.Ordinal))
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            var buckets = aggregations?.GetFilter(facet)?.Aggregations?.GetStringTerms(EsRequests.ValuesAggregation)?.Buckets ?? [];
            foreach (var bucket in buckets)
            {
                var key = bucket.Key.Value?.ToString() ?? "";
                var value = key;
                if (Facets.ParentOf.ContainsKey(facet) && key.IndexOf(EsDocument.Separator, StringComparison.Ordinal) is >= 0 and var at)
                {
                    value = key[(at + 1)..];
                    parents[(facet, value)] = key[..at];
                }

                counts[value] = counts.GetValueOrDefault(value) + bucket.DocCount;
            }

            var chosen = selected.GetValueOrDefault(facet) ?? [];
            foreach (var value in chosen)
            {
                // A value typed in another case (ke) is the indexed one (KE) when that is present.
                if (!counts.Keys.Any(k => string.Equals(k, value, StringComparison.OrdinalIgnoreCase)))
                {
                    counts[value] = 0;
                }
            }

            var list = counts.Select(c => new FacetValue(c.Key, c.Value, chosen.Contains(c.Key, StringComparer.OrdinalIgnoreCase))).ToList();
            list.Sort(facet is Facets.Sdg or Facets.Target or Facets.Year ? ByOrder(facet) : ByCount);
            flat[facet] = list;
        }

        var byParent = Facets.ParentOf.Keys.Where(flat.ContainsKey).ToDictionary(
            child => child, child => flat[child].ToLookup(v => ParentOf(child, v.Value, parents) ?? ""), StringComparer.Ordinal);
        var tree = new Tree(byParent, limit, children);
        return flat.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetValue>)tree.Level(f.Key, Limit(f.Value, f.Key == Facets.Sdg ? 0 : limit)), StringComparer.Ordinal);
    }

    private static string? ParentOf(string facet, string value, Dictionary<(string Facet, string Value), string> parents) =>
        parents.TryGetValue((facet, value), out var parent) ? parent
            : facet == Facets.Target && value.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot ? value[..dot] : null;

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

    private sealed class Tree(Dictionary<string, ILookup<string, FacetValue>> byParent, int limit, FacetChildren mode)
    {
        public List<FacetValue> Level(string facet, List<FacetValue> values)
        {
            if (!Facets.ChildOf.TryGetValue(facet, out var childFacet) || !byParent.TryGetValue(childFacet, out var children))
            {
                return values;
            }

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

        private bool Hot(string facet, FacetValue value) =>
            value.Selected || (Facets.ChildOf.TryGetValue(facet, out var childFacet) && byParent.TryGetValue(childFacet, out var children)
                && children[value.Value].Any(c => Hot(childFacet, c)));
    }

    /// <summary>Goals and targets in their numbering, years newest first (the Lucene engine's FacetValueIds.OrderOf).</summary>
    private static Comparison<FacetValue> ByOrder(string facet) => (a, b) =>
    {
        var order = OrderOf(facet, a.Value).CompareTo(OrderOf(facet, b.Value));
        return order != 0 ? order : string.CompareOrdinal(a.Value, b.Value);
    };

    private static int ByCount(FacetValue a, FacetValue b)
    {
        var order = b.Count.CompareTo(a.Count);
        return order != 0 ? order : string.CompareOrdinal(a.Value, b.Value);
    }

    private static long OrderOf(string facet, string value)
    {
        var parts = value.Split('.');
        return facet switch
        {
            Facets.Sdg => Number(value),
            Facets.Target => (Number(parts[0]) * 1000L) + (parts.Length < 2 ? 0 : int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 500 + (parts[1].FirstOrDefault() - 'a')),
            Facets.Year => -Number(value),
            _ => 0,
        };
    }

    private static int Number(string value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue / 2;
}
