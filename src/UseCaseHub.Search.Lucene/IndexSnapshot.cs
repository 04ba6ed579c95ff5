using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// What a search needs to know about one point-in-time reader, worked out once when the reader opens:
/// the languages present, each facet's values (to match <c>country:ke</c> to <c>KE</c>) and the hierarchy.
/// </summary>
internal sealed class IndexSnapshot
{
    private IndexSnapshot(IndexReader reader)
    {
        var fields = MultiFields.GetMergedFieldInfos(reader);
        Languages = fields.Select(f => f.Name).Where(n => n.StartsWith(LuceneFields.Title + ".", StringComparison.Ordinal))
            .Select(n => n[(LuceneFields.Title.Length + 1)..]).Order(StringComparer.Ordinal).ToArray();
        foreach (var facet in Facets.All)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var term in Terms(reader, facet))
            {
                values.TryAdd(term, term);
            }

            Values[facet] = values;
        }

        foreach (var term in Terms(reader, LuceneFields.Parents))
        {
            var parts = term.Split(LuceneFields.Separator);
            if (parts.Length == 3)
            {
                ParentValues[(parts[0], parts[1])] = parts[2];
            }
        }
    }

    public string[] Languages { get; }

    /// <summary>Per facet: any spelling of a value → the value as indexed.</summary>
    public Dictionary<string, Dictionary<string, string>> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>(child facet, value) → parent value.</summary>
    public Dictionary<(string Facet, string Value), string> ParentValues { get; } = [];

    public string? ExactValue(string facet, string value) =>
        Values.TryGetValue(facet, out var values) && values.TryGetValue(value, out var exact) ? exact : null;

    public static IEnumerable<string> Terms(IndexReader reader, string field)
    {
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is null)
        {
            yield break;
        }

        var iterator = terms.GetEnumerator();
        while (iterator.MoveNext())
        {
            yield return iterator.Term.Utf8ToString();
        }
    }

    /// <summary>Opens searchers that carry their snapshot.</summary>
    internal sealed class Factory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new SnapshotSearcher(reader, new IndexSnapshot(reader));
    }
}

internal sealed class SnapshotSearcher(IndexReader reader, IndexSnapshot snapshot) : IndexSearcher(reader)
{
    public IndexSnapshot Snapshot { get; } = snapshot;
}

/// <summary>Per segment (segments never change once written): each facet ordinal's facet and value.</summary>
internal sealed class SegmentFacets
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, SegmentFacets> Cache = new();

    private SegmentFacets(SortedSetDocValues? values)
    {
        var count = (int)(values?.ValueCount ?? 0);
        OrdFacet = new int[count];
        OrdValue = new string[count];
        var bytes = new BytesRef();
        for (var ord = 0; ord < count; ord++)
        {
            values!.LookupOrd(ord, bytes);
            var text = bytes.Utf8ToString();
            var split = text.IndexOf(LuceneFields.Separator, StringComparison.Ordinal);
            OrdFacet[ord] = FacetIndex(text[..split]);
            OrdValue[ord] = text[(split + 1)..];
        }
    }

    /// <summary>Index in <see cref="Facets.All"/>, or 31 for a key this version does not know.</summary>
    public int[] OrdFacet { get; }
    public string[] OrdValue { get; }

    public static SegmentFacets For(AtomicReader reader, SortedSetDocValues? values) =>
        Cache.GetValue(reader.CoreCacheKey, _ => new SegmentFacets(values));

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
}
