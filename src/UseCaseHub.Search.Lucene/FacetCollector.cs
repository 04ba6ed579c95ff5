using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// Counts facet values (see <see cref="SegmentFacets"/>) in the same pass that collects the top documents, drill-sideways
/// style: the query is run without the facet filters; a document passing every selected facet is a hit
/// and counts for every facet; a document failing exactly one selected facet counts only for that facet.
/// So values of one facet combine with OR, facets with AND, and a facet's counts ignore its own selection.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private readonly ICollector _hits;
    private readonly int _selectedMask;
    private FacetValueIds.Entry[] _values;
    private int[] _counts;
    /// <summary>Per value: the bit of its facet if the value is selected, else 0.</summary>
    private int[] _selectedBit;
    private int[] _facetOf;
    private int[] _docStart = [];
    private int[] _ids = [];

    /// <param name="hits">Gets the documents that pass every selected facet.</param>
    /// <param name="selected">Selected values by facet index (<see cref="FacetValueIds.FacetIndex"/>).</param>
    public FacetCollector(ICollector hits, IReadOnlyDictionary<int, HashSet<string>> selected)
    {
        _hits = hits;
        _selectedMask = selected.Keys.Aggregate(0, (mask, facet) => mask | (1 << facet));
        (_values, _facetOf) = FacetValueIds.All;
        _counts = new int[_values.Length];
        _selectedBit = new int[_values.Length];
        for (var id = 0; id < _values.Length && selected.Count > 0; id++)
        {
            var facet = _values[id].Facet;
            _selectedBit[id] = selected.TryGetValue(facet, out var chosen) && chosen.Contains(_values[id].Value) ? 1 << facet : 0;
        }
    }

    /// <summary>Documents that passed every filter.</summary>
    public int TotalHits { get; private set; }

    /// <summary>The numbered values; <see cref="Counts"/> is indexed alike.</summary>
    public FacetValueIds.Entry[] Values => _values;

    public int[] Counts => _counts;

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => _hits.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        _hits.SetNextReader(context);
        var segment = SegmentFacets.For(context.AtomicReader);
        if (segment.MaxId >= _counts.Length)
        {
            // A segment opened after this search began numbered new values: widen to them (none of them is selected).
            (_values, _facetOf) = FacetValueIds.All;
            Array.Resize(ref _counts, _values.Length);
            Array.Resize(ref _selectedBit, _values.Length);
        }

        _docStart = segment.DocStart;
        _ids = segment.Ids;
    }

    public void Collect(int doc)
    {
        var from = _docStart[doc];
        var to = _docStart[doc + 1];
        var ids = _ids;
        var counts = _counts;
        if (_selectedMask == 0)
        {
            TotalHits++;
            _hits.Collect(doc);
            CountAll(ids, from, to, counts);
            return;
        }

        var matched = 0;
        var selectedBit = _selectedBit;
        for (var i = from; i < to; i++)
        {
            matched |= selectedBit[ids[i]];
        }

        var fails = _selectedMask & ~matched;
        if (fails == 0)
        {
            TotalHits++;
            _hits.Collect(doc);
            CountAll(ids, from, to, counts);
        }
        else if ((fails & (fails - 1)) == 0)
        {
            var facet = BitOperations.TrailingZeroCount(fails);
            var facetOf = _facetOf;
            for (var i = from; i < to; i++)
            {
                if (facetOf[ids[i]] == facet)
                {
                    counts[ids[i]]++;
                }
            }
        }
    }

    /// <summary>The innermost loop of every search: one increment per facet value of every matching document.</summary>
    private static void CountAll(int[] ids, int from, int to, int[] counts)
    {
        // Segment arrays hold only numbers below the counts' length (checked in SetNextReader): no bounds checks here.
        ref var id = ref MemoryMarshal.GetArrayDataReference(ids);
        ref var count = ref MemoryMarshal.GetArrayDataReference(counts);
        for (var i = from; i < to; i++)
        {
            Unsafe.Add(ref count, Unsafe.Add(ref id, i))++;
        }
    }
}
