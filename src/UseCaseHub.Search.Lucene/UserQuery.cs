using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using UseCaseHub.Core.Search;
using Token = UseCaseHub.Core.Search.QueryToken;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// What a person types, as a Lucene query: words (all required), "phrases", -excluded, <c>a OR b</c>, and
/// <c>facet:value</c> for the facet keys. It never throws: unreadable input falls back to a plain search
/// for the words in it. Each word is analysed as each language in the index would analyse it.
/// </summary>
internal sealed class UserQuery
{
    private readonly LuceneAnalyzers _analyzers;
    private readonly IndexSnapshot _snapshot;

    private UserQuery(LuceneAnalyzers analyzers, IndexSnapshot snapshot)
    {
        _analyzers = analyzers;
        _snapshot = snapshot;
    }

    /// <summary>Null for an empty query (match everything).</summary>
    public Query? Query { get; private set; }

    /// <summary>The plain words, for "did you mean".</summary>
    public List<string> Words { get; } = [];

    /// <summary>Entries with every query word in their title (each language's analysis); null without words or with OR.</summary>
    public Query? Title { get; private set; }

    /// <summary>Entries with the query's words side by side, in order (two words or more); null otherwise.</summary>
    public Query? Phrase { get; private set; }

    /// <summary>Entries with every query word as typed (lower-cased, accents folded) in title, summary or body.</summary>
    public Query? Exact { get; private set; }

    /// <summary>The required words and phrases with their analysis in each language, for the ranking features.</summary>
    private readonly List<(Token Token, Dictionary<string, List<(string Term, int Position)>> Terms)> _required = [];

    /// <summary>An OR in the query: "every word" means nothing for the ranking features then.</summary>
    private bool _alternatives;

    public static UserQuery Parse(string text, LuceneAnalyzers analyzers, IndexSnapshot snapshot)
    {
        var query = new UserQuery(analyzers, snapshot);
        try
        {
            query.Query = query.Build(QuerySyntax.Tokenize(text));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IndexOutOfRangeException or BooleanQuery.TooManyClausesException)
        {
            query.Words.Clear();
            query._required.Clear();
            query._alternatives = false;
            query.Query = query.Build(QuerySyntax.Tokenize(QuerySyntax.Plain(text)));
        }

        query.Features();
        return query;
    }

    /// <summary>
    /// A clause of the query: a facet filter is the same in every language; words are matched per language.
    /// </summary>
    private sealed record Part(Query? Common, Dictionary<string, Query>? PerLanguage)
    {
        /// <summary>The part alone: its distinct per-language forms as one disjunction (for exclusions).</summary>
        public Query Whole() => Common ?? Any(PerLanguage!.Values.DistinctBy(q => q.ToString()).ToList());
    }

    /// <summary>
    /// Each entry is in one language and its words are analysed in that language only, so "every word in some
    /// language" is "every word in one language": the words are joined per language (a conjunction of single-term
    /// postings, as cheap as Lucene gets) and the languages' distinct conjunctions are alternatives, rather than every
    /// word being a disjunction of its forms (which every conjunction step has to advance as a whole).
    /// </summary>
    private BooleanQuery? Build(List<Token> tokens)
    {
        var groups = new List<List<Part>>();
        var excluded = new List<Query>();
        var joinNext = false;
        foreach (var token in tokens)
        {
            if (token is { Facet: null, Phrase: false, Negated: false } && token.Text == "OR")
            {
                joinNext = groups.Count > 0;
                continue;
            }

            if (token is { Facet: null, Phrase: false, Negated: false } && token.Text == "AND")
            {
                continue;
            }

            var clause = Clause(token);
            if (clause is null)
            {
                continue;
            }

            if (token.Negated)
            {
                excluded.Add(clause.Whole());
            }
            else if (joinNext)
            {
                _alternatives = true;
                groups[^1].Add(clause);
            }
            else
            {
                groups.Add([clause]);
            }

            joinNext = false;
        }

        if (groups.Count == 0 && excluded.Count == 0)
        {
            return null;
        }

        var query = new BooleanQuery();
        foreach (var group in groups.Where(g => g.All(p => p.Common is not null)))
        {
            query.Add(group.Count == 1 ? group[0].Common : Any(group.Select(p => p.Common!).ToList()), Occur.MUST);
        }

        var worded = groups.Where(g => g.Exists(p => p.PerLanguage is not null)).ToList();
        if (worded.Count > 0)
        {
            var languages = new BooleanQuery();
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            foreach (var language in _snapshot.Languages)
            {
                var all = new BooleanQuery();
                foreach (var group in worded)
                {
                    var alternatives = group.Select(p => p.Common ?? p.PerLanguage!.GetValueOrDefault(language)).OfType<Query>().ToList();
                    if (alternatives.Count == 0)
                    {
                        all = null;
                        break;
                    }

                    all.Add(alternatives.Count == 1 ? alternatives[0] : Any(alternatives), Occur.MUST);
                }

                // Languages analysing the words alike (most do for names and numbers) give one alternative.
                if (all is not null && distinct.Add(all.ToString()))
                {
                    languages.Add(all, Occur.SHOULD);
                }
            }

            if (languages.Clauses.Count == 0)
            {
                // A phrase no language can analyse: nothing matches it.
                languages.Add(new TermQuery(new Term(LuceneFields.Text, "")), Occur.SHOULD);
            }

            query.Add(languages.Clauses.Count == 1 ? languages.Clauses[0].Query : languages, Occur.MUST);
        }

        if (groups.Count == 0)
        {
            query.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        foreach (var clause in excluded)
        {
            query.Add(clause, Occur.MUST_NOT);
        }

        return query;
    }

    private static List<(string Term, int Position)> Analyze(Analyzer analyzer, string text)
    {
        var terms = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(LuceneFields.Text, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            terms.Add((term.ToString(), position));
        }

        stream.End();
        return terms;
    }

    /// <summary>One term; several (a compound, a Chinese run) all required; a phrase in order.</summary>
    private static Query Match(string field, List<(string Term, int Position)> terms, bool phrase)
    {
        if (terms.Count == 1)
        {
            return new TermQuery(new Term(field, terms[0].Term));
        }

        if (phrase)
        {
            var query = new PhraseQuery();
            foreach (var (term, position) in terms)
            {
                query.Add(new Term(field, term), position);
            }

            return query;
        }

        var all = new BooleanQuery();
        foreach (var (term, _) in terms)
        {
            all.Add(new TermQuery(new Term(field, term)), Occur.MUST);
        }

        return all;
    }

    private static BooleanQuery Any(List<Query> queries)
    {
        var any = new BooleanQuery();
        foreach (var query in queries)
        {
            any.Add(query, Occur.SHOULD);
        }

        return any;
    }

    /// <summary>A facet filter as its term (the same in every language); a word or phrase as each language analyses it.</summary>
    private Part? Clause(Token token)
    {
        if (token.Facet is { } facet)
        {
            return new Part(new TermQuery(new Term(facet, _snapshot.ExactValue(facet, token.Text) ?? token.Text)), null);
        }

        if (!token.Negated)
        {
            Words.AddRange(QuerySyntax.Plain(token.Text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()));
        }

        var text = token.Text.Normalize(NormalizationForm.FormC);
        var perLanguage = new Dictionary<string, Query>(StringComparer.Ordinal);
        var analysed = new Dictionary<string, List<(string Term, int Position)>>(StringComparer.Ordinal);
        foreach (var language in _snapshot.Languages)
        {
            var terms = analysed[language] = Analyze(_analyzers.For(language), text);
            if (terms.Count == 0)
            {
                if (token.Phrase)
                {
                    continue;
                }

                // A stop word in one of the languages ("the", "la"): requiring it would hide every entry in that language.
                return null;
            }

            perLanguage[language] = Match(LuceneFields.Text, terms, token.Phrase);
        }

        if (perLanguage.Count > 0 && !token.Negated)
        {
            _required.Add((token with { Text = text }, analysed));
        }

        return perLanguage.Count > 0 ? new Part(null, perLanguage) : null;
    }

    /// <summary>
    /// The ranking features of the required words (see <see cref="RankingQuery"/>), from the analyses already made for
    /// the query itself; only the exact words take one more analysis (the plain one of the words field).
    /// </summary>
    private void Features()
    {
        if (_alternatives || _required.Count == 0 || Query is null)
        {
            return;
        }

        var titles = new List<Query>();
        var phrases = new List<Query>();
        foreach (var language in _snapshot.Languages)
        {
            var title = new BooleanQuery();
            var phrase = new PhraseQuery();
            var next = 0;
            foreach (var (token, analysed) in _required)
            {
                var terms = analysed.GetValueOrDefault(language) ?? [];
                if (terms.Count == 0)
                {
                    continue;
                }

                // The title field keeps no positions: a quoted phrase counts as its words there.
                title.Add(Match(LuceneFields.Title, terms, phrase: false), Occur.MUST);
                foreach (var (term, position) in terms)
                {
                    phrase.Add(new Term(LuceneFields.Text, term), next + position);
                }

                next += terms[^1].Position + 1;
            }

            if (title.Clauses.Count > 0)
            {
                titles.Add(title.Clauses.Count == 1 ? title.Clauses[0].Query : title);
            }

            // A phrase of one word is the word itself; a single quoted phrase is already required as a phrase.
            if (phrase.GetTerms().Length >= 2 && !(_required.Count == 1 && _required[0].Token.Phrase))
            {
                phrases.Add(phrase);
            }
        }

        Title = Distinct(titles);
        Phrase = Distinct(phrases);
        var exact = new BooleanQuery();
        foreach (var (token, _) in _required)
        {
            foreach (var (term, _) in Analyze(_analyzers.Words, token.Text))
            {
                exact.Add(new TermQuery(new Term(LuceneFields.Exact, term)), Occur.MUST);
            }
        }

        Exact = exact.Clauses.Count switch
        {
            0 => null,
            1 => exact.Clauses[0].Query,
            _ => exact,
        };
    }

    /// <summary>The languages' distinct forms as alternatives (most languages analyse names and numbers alike).</summary>
    private static Query? Distinct(List<Query> queries)
    {
        var distinct = queries.DistinctBy(q => q.ToString()).ToList();
        return distinct.Count switch
        {
            0 => null,
            1 => distinct[0],
            _ => Any(distinct),
        };
    }
}
