using System.Globalization;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// Every facet value any segment holds, numbered once per process (values are taxonomy codes: a few thousand at
/// most). A search counts into one int array indexed by these numbers, with no per-segment arrays or dictionaries
/// to merge afterwards.
/// </summary>
internal static class FacetValueIds
{
    /// <summary>A numbered value: its facet (index in <see cref="Facets.All"/>, 31 if unknown), text and sort key.</summary>
    public sealed record Entry(int Facet, string Value, long Order);

    private static readonly Lock Gate = new();
    private static readonly Dictionary<(int, string), int> Ids = [];
    /// <summary>The numbered values, and the facet of each in an array of its own for the counting loop.</summary>
    public sealed record Table(Entry[] Entries, int[] FacetOf);

    private static Table _table = new([], []);

    /// <summary>The values numbered so far; a number, once given, never changes.</summary>
    public static Table All => Volatile.Read(ref _table);

    public static int IdOf(int facet, string value)
    {
        lock (Gate)
        {
            if (Ids.TryGetValue((facet, value), out var id))
            {
                return id;
            }

            var table = _table;
            id = table.Entries.Length;
            Ids[(facet, value)] = id;
            Volatile.Write(ref _table, new Table([.. table.Entries, new Entry(facet, value, OrderOf(facet, value))], [.. table.FacetOf, facet]));
            return id;
        }
    }

    public static int FacetIndex(string facet)
    {
        for (var i = 0; i < Facets.All.Count; i++)
        {
            if (string.Equals(Facets.All[i], facet, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return 31;
    }

    /// <summary>Goals by number, targets by goal then target (6.4 before 6.10, 6.a after), years newest first; 0 for the rest.</summary>
    public static long OrderOf(int facet, string value)
    {
        var name = facet < Facets.All.Count ? Facets.All[facet] : "";
        var parts = value.Split('.');
        return name switch
        {
            Facets.Sdg => Number(value),
            Facets.Target => (Number(parts[0]) * 1000L) + (parts.Length < 2 ? 0 : int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 500 + (parts[1].FirstOrDefault() - 'a')),
            Facets.Year => -Number(value),
            _ => 0,
        };
    }

    private static int Number(string value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue / 2;
}
