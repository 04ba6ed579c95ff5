using Lucene.Net.Index;
using Lucene.Net.Search;

namespace UseCaseHub.Search.Lucene;

public sealed partial class LuceneSearchEngine
{
    /// <summary>
    /// One version per entry: leaves out the documents hidden from this reader (an original when the reader's language
    /// has a translation; every translation in another language). Applied to the query itself, so hits, totals and facet
    /// counts all count an entry once. A document with no hidden-for term (most) passes at the cost of one term lookup.
    /// </summary>
    private static BooleanQuery OneVersion(Query query, string readerKey) => new BooleanQuery
    {
        { query, Occur.MUST },
        { new TermQuery(new Term(LuceneFields.HiddenFor, readerKey)), Occur.MUST_NOT },
    };
}
