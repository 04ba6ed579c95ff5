using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// The published entries of a segment as a bit set, made once per segment (a status change is a new document in a
/// new segment, so a segment's set never changes). A bit set is random access: the query's postings skip the other
/// documents as they go, instead of the filter and the query leapfrogging each other.
/// </summary>
internal sealed class PublishedFilter : Filter
{
    private static readonly ConditionalWeakTable<object, FixedBitSet> Cache = new();
    private static readonly Term Published = new(LuceneFields.Status, "published");

    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        var reader = context.AtomicReader;
        var bits = Cache.GetValue(reader.CoreCacheKey, _ => Collect(reader));
        return BitsFilteredDocIdSet.Wrap(bits, acceptDocs);
    }

    private static FixedBitSet Collect(AtomicReader reader)
    {
        var bits = new FixedBitSet(reader.MaxDoc);
        // Documents deleted later stay set: the searcher's live docs leave them out at query time.
        var postings = reader.GetTermDocsEnum(Published);
        if (postings is not null)
        {
            bits.Or(postings);
        }

        return bits;
    }
}
