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
        Languages = [.. Terms(reader, LuceneFields.Language).Order(StringComparer.Ordinal)];
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

    /// <summary>The analysis languages of the entries in the index: a query word is analysed in each.</summary>
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
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            // Warm the per-segment facet arrays here, on refresh, rather than in the first search that needs them.
            foreach (var leaf in reader.Leaves)
            {
                SegmentFacets.For(leaf.AtomicReader);
            }

            return new SnapshotSearcher(reader, new IndexSnapshot(reader));
        }
    }
}

internal sealed class SnapshotSearcher(IndexReader reader, IndexSnapshot snapshot) : IndexSearcher(reader)
{
    public IndexSnapshot Snapshot { get; } = snapshot;
}

/// <summary>
/// Per segment (segments never change once written): every document's facet values as numbers of
/// <see cref="FacetValueIds"/>, flattened into two arrays. Reading packed doc values for every matching document
/// costs far more than walking an int array; the arrays cost about 4 bytes per facet value per document.
/// </summary>
internal sealed class SegmentFacets
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, SegmentFacets> Cache = new();

    private SegmentFacets(AtomicReader reader)
    {
        var values = reader.GetSortedSetDocValues(LuceneFields.FacetValues);
        var count = (int)(values?.ValueCount ?? 0);
        var idOfOrd = new int[count];
        var bytes = new BytesRef();
        for (var ord = 0; ord < count; ord++)
        {
            values!.LookupOrd(ord, bytes);
            var text = bytes.Utf8ToString();
            var split = text.IndexOf(LuceneFields.Separator, StringComparison.Ordinal);
            idOfOrd[ord] = FacetValueIds.IdOf(FacetValueIds.FacetIndex(text[..split]), text[(split + 1)..]);
        }

        DocStart = new int[reader.MaxDoc + 1];
        var ids = new List<int>(reader.MaxDoc * 16);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            DocStart[doc] = ids.Count;
            if (values is null)
            {
                continue;
            }

            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                ids.Add(idOfOrd[ord]);
            }
        }

        DocStart[reader.MaxDoc] = ids.Count;
        Ids = [.. ids];
        MaxId = idOfOrd.Length == 0 ? -1 : idOfOrd.Max();
    }

    /// <summary>Document d's values are <c>Ids[DocStart[d]..DocStart[d + 1]]</c>.</summary>
    public int[] DocStart { get; }
    public int[] Ids { get; }

    /// <summary>The highest value number in this segment.</summary>
    public int MaxId { get; }

    public static SegmentFacets For(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new SegmentFacets(reader));
}
