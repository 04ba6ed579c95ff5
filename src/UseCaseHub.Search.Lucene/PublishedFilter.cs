using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// The public entries of a segment (every status in <see cref="SearchAudience.PublicStatuses"/>, the one
/// definition the site and the API read too) as a bit set, made once per segment (a status change is a new
/// document in a new segment, so a segment's set never changes). A bit set is random access: the query's postings
/// skip the other documents as they go, instead of the filter and the query leapfrogging each other.
/// </summary>
internal sealed class PublishedFilter : Filter
{
    private static readonly ConditionalWeakTable<object, FixedBitSet> Cache = new();

    /// <summary>The indexed status terms of the public statuses (the index stores a status by its lowercased name).</summary>
    private static readonly Term[] Public = SearchAudience.PublicStatuses
        .Select(s => new Term(LuceneFields.Status, s.ToString().ToLowerInvariant())).ToArray();

    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        var reader = context.AtomicReader;
        var bits = Cache.GetValue(reader.CoreCacheKey, _ => Collect(reader));
        return BitsFilteredDocIdSet.Wrap(bits, acceptDocs);
    }

    /// <summary>What a member sees: the public entries or its organisation's (not cached: one per organisation).</summary>
    public static Filter OrOrganization(string organizationKey)
    {
        var visible = new BooleanQuery { { new TermQuery(new Term(LuceneFields.Organization, organizationKey)), Occur.SHOULD } };
        foreach (var term in Public)
        {
            visible.Add(new TermQuery(term), Occur.SHOULD);
        }

        return new QueryWrapperFilter(visible);
    }

    private static FixedBitSet Collect(AtomicReader reader)
    {
        var bits = new FixedBitSet(reader.MaxDoc);
        // Documents deleted later stay set: the searcher's live docs leave them out at query time.
        foreach (var term in Public)
        {
            var postings = reader.GetTermDocsEnum(term);
            if (postings is not null)
            {
                bits.Or(postings);
            }
        }

        return bits;
    }
}
