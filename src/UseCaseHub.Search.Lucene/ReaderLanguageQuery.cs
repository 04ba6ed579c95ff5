using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Util;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// The reader's language first: a query word is analysed as every language in the index would analyse it, so an entry
/// in another language still matches, but it ranks after every entry in the reader's language that matches: a stem two
/// languages share (English "traffic", an English tag name on a French entry) never lets a foreign entry outrank one
/// that has the reader's own word. Scores keep their order within each tier (s / (1 + s) maps them into [0, 1); the
/// reader's language adds 1). A plain weight (0.3) was tried first: it left a French entry above English ones that have
/// the word (RelevanceContract and the contract's collision test). Which entries are in the language is a bit set per
/// segment, made once (a segment never changes).
/// </summary>
internal sealed class ReaderLanguageQuery(global::Lucene.Net.Search.Query query, string language) : CustomScoreQuery(query)
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, FixedBitSet>> Cache = new();

    public string Language { get; } = language;

    protected override CustomScoreProvider GetCustomScoreProvider(AtomicReaderContext context) =>
        new Provider(context, Bits(context.AtomicReader, Language));

    private static FixedBitSet Bits(AtomicReader reader, string language) =>
        Cache.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, FixedBitSet>(StringComparer.Ordinal))
            .GetOrAdd(language, l =>
            {
                var bits = new FixedBitSet(reader.MaxDoc);
                var postings = reader.GetTermDocsEnum(new Term(LuceneFields.Language, l));
                if (postings is not null)
                {
                    bits.Or(postings);
                }

                return bits;
            });

    public override bool Equals(object? obj) => obj is ReaderLanguageQuery other && other.Language == Language && base.Equals(obj);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Language);

    private sealed class Provider(AtomicReaderContext context, FixedBitSet own) : CustomScoreProvider(context)
    {
        public override float CustomScore(int doc, float subQueryScore, float valSrcScore)
        {
            var tiered = subQueryScore / (1 + subQueryScore);
            return own.Get(doc) ? 1 + tiered : tiered;
        }
    }
}
