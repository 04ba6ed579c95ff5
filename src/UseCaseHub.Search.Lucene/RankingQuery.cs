using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Queries.Function;
using Lucene.Net.Queries.Function.ValueSources;
using Lucene.Net.Util;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// Relevance in tiers, then by score within a tier (s / (1 + s) maps a score into [0, 1); the tier adds a whole number).
/// A match is <em>strong</em> when the entry has every query word as typed (not only its stem) in title, summary or body;
/// <em>weak</em> otherwise (a stem only, a tag name only). From first to last: strong in the reader's language; strong in
/// another language; weak in the reader's language; weak in another. Within strong: every word in the title, then the
/// words as a phrase, then the words anywhere. Title and phrase count only with the words as typed: the title test is
/// stemmed, and a French title full of "portes" must not put a French entry first for an English "port".
/// So a stem two languages share (French "portes" for "port", an English tag name on a French entry) never outranks an
/// entry in the reader's language that has the reader's word, and the reader's language comes first among equals; but
/// an entry in another language that has the very word typed ranks above one in the reader's language that has only a
/// word of the same stem ("port" in a French text above "USB ports"). Tag names are left out of the strong tests, so
/// they weigh less than title and summary twice: by repetition and by tier.
/// A plain weight for the reader's language (0.3) was tried first: it left a French entry above English ones that have
/// the word (RelevanceContract and the contract's collision test). The features are read lazily, only for documents the
/// query matched (QueryValueSource advances to them). Which entries are in the language is a bit set per segment, made
/// once (a segment never changes).
/// </summary>
internal sealed class RankingQuery : CustomScoreQuery
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, FixedBitSet>> Cache = new();

    private RankingQuery(global::Lucene.Net.Search.Query query, string? language, Feature[] features, FunctionQuery[] scoring)
        : base(query, scoring)
    {
        Language = language;
        Features = features;
    }

    /// <summary>What a feature query says when it matches a document.</summary>
    internal enum Feature
    {
        Title,
        Phrase,
        Exact,
    }

    public string? Language { get; }

    private Feature[] Features { get; }

    /// <summary>The query ranked in tiers; <paramref name="language"/> null when the reader's language is unknown (no entry is "own").</summary>
    public static RankingQuery Create(global::Lucene.Net.Search.Query query, string? language, global::Lucene.Net.Search.Query? title,
        global::Lucene.Net.Search.Query? phrase, global::Lucene.Net.Search.Query? exact)
    {
        var features = new List<Feature>();
        var scoring = new List<FunctionQuery>();
        foreach (var (feature, featureQuery) in new[] { (Feature.Title, title), (Feature.Phrase, phrase), (Feature.Exact, exact) })
        {
            if (featureQuery is not null)
            {
                features.Add(feature);
                scoring.Add(new FunctionQuery(new QueryValueSource(featureQuery, Missing)));
            }
        }

        return new RankingQuery(query, language, [.. features], [.. scoring]);
    }

    /// <summary>
    /// A feature's value where its query does not match. A match scores zero or more; the function query multiplies
    /// either by its (positive) weight, so a feature is present exactly when its value is not negative.
    /// </summary>
    private const float Missing = -1;

    /// <summary>The tier of a match: see the class summary.</summary>
    private static int Tier(bool own, bool title, bool phrase, bool exact)
    {
        var strength = !exact ? 0 : title ? 3 : phrase ? 2 : 1;
        return (own, strength > 0) switch
        {
            (true, true) => 12 + strength,
            (false, true) => 8 + strength,
            (true, false) => 4,
            _ => 0,
        };
    }

    protected override CustomScoreProvider GetCustomScoreProvider(AtomicReaderContext context) =>
        new Provider(context, Language is null ? null : Bits(context.AtomicReader, Language), Features);

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

    public override bool Equals(object? obj) => obj is RankingQuery other && other.Language == Language && base.Equals(obj);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Language);

    private sealed class Provider(AtomicReaderContext context, FixedBitSet? own, Feature[] features) : CustomScoreProvider(context)
    {
        /// <summary>The one feature's value, passed on without an array per matched document (a provider serves one segment of one search).</summary>
        private readonly float[] _one = new float[1];

        public override float CustomScore(int doc, float subQueryScore, float[] valSrcScores)
        {
            bool title = false, phrase = false, exact = false;
            for (var i = 0; i < features.Length; i++)
            {
                if (valSrcScores[i] >= 0)
                {
                    title |= features[i] == Feature.Title;
                    phrase |= features[i] == Feature.Phrase;
                    exact |= features[i] == Feature.Exact;
                }
            }

            return Tier(own?.Get(doc) == true, title, phrase, exact) + (subQueryScore / (1 + subQueryScore));
        }

        public override float CustomScore(int doc, float subQueryScore, float valSrcScore)
        {
            if (features.Length == 0)
            {
                return CustomScore(doc, subQueryScore, []);
            }

            _one[0] = valSrcScore;
            return CustomScore(doc, subQueryScore, _one);
        }
    }
}
