using System.Numerics;
using System.Runtime.InteropServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// Counts facet values (doc values, flattened per segment) in the same pass that collects the top documents, drill-sideways
/// style: the query is run without the facet filters; a document passing every selected facet is a hit
/// and counts for every facet; a document failing exactly one selected facet counts only for that facet.
/// So values of one facet combine with OR, facets with AND, and a facet's counts ignore its own selection.
/// </summary>
internal sealed class FacetCollector(ICollector hits, IReadOnlyDictionary<int, HashSet<string>> selected) : ICollector
{
    private readonly int _selectedMask = selected.Keys.Aggregate(0, (mask, facet) => mask | (1 << facet));
    private static readonly Dictionary<string, long> None = [];

    // Made on first use: most of the 32 slots never see a value.
    private readonly Dictionary<string, long>?[] _counts = new Dictionary<string, long>?[32];
    private SegmentFacets? _segment;
    private int[] _docStart = [];
    private int[] _ords = [];
    private int[] _segmentCounts = [];
    private bool[] _ordSelected = [];

    /// <summary>Documents that passed every filter.</summary>
    public int TotalHits { get; private set; }

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => hits.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        hits.SetNextReader(context);
        _segment = SegmentFacets.For(context.AtomicReader);
        _docStart = _segment.DocStart;
        _ords = _segment.Ords;
        _segmentCounts = new int[_segment.OrdValue.Length];
        _ordSelected = new bool[_segment.OrdValue.Length];
        for (var ord = 0; ord < _ordSelected.Length; ord++)
        {
            _ordSelected[ord] = selected.TryGetValue(_segment.OrdFacet[ord], out var values) && values.Contains(_segment.OrdValue[ord]);
        }
    }

    public void Collect(int doc)
    {
        var from = _docStart[doc];
        var to = _docStart[doc + 1];
        if (_selectedMask == 0)
        {
            TotalHits++;
            hits.Collect(doc);
            for (var i = from; i < to; i++)
            {
                _segmentCounts[_ords[i]]++;
            }

            return;
        }

        var matched = 0;
        for (var i = from; i < to; i++)
        {
            if (_ordSelected[_ords[i]])
            {
                matched |= 1 << _segment!.OrdFacet[_ords[i]];
            }
        }

        var fails = _selectedMask & ~matched;
        if (fails == 0)
        {
            TotalHits++;
            hits.Collect(doc);
            for (var i = from; i < to; i++)
            {
                _segmentCounts[_ords[i]]++;
            }
        }
        else if ((fails & (fails - 1)) == 0)
        {
            var facet = BitOperations.TrailingZeroCount(fails);
            for (var i = from; i < to; i++)
            {
                if (_segment!.OrdFacet[_ords[i]] == facet)
                {
                    _segmentCounts[_ords[i]]++;
                }
            }
        }
    }

    /// <summary>Counts per value of the facet at this index in <see cref="Facets.All"/>.</summary>
    public IReadOnlyDictionary<string, long> CountsOf(int facet)
    {
        Flush();
        return _counts[facet] ?? None;
    }

    private void Flush()
    {
        if (_segment is null)
        {
            return;
        }

        for (var ord = 0; ord < _segmentCounts.Length; ord++)
        {
            if (_segmentCounts[ord] > 0)
            {
                var counts = _counts[_segment.OrdFacet[ord]] ??= new Dictionary<string, long>(StringComparer.Ordinal);
                CollectionsMarshal.GetValueRefOrAddDefault(counts, _segment.OrdValue[ord], out _) += _segmentCounts[ord];
                _segmentCounts[ord] = 0;
            }
        }
    }
}
