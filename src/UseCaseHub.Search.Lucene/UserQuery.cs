using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// What a person types, as a Lucene query: words (all required), "phrases", -excluded, <c>a OR b</c>, and
/// <c>facet:value</c> for the facet keys. It never throws: unreadable input falls back to a plain search
/// for the words in it. Each word is analysed as each language in the index would analyse it.
/// </summary>
internal sealed partial class UserQuery
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

    public static UserQuery Parse(string text, LuceneAnalyzers analyzers, IndexSnapshot snapshot)
    {
        var query = new UserQuery(analyzers, snapshot);
        try
        {
            query.Query = query.Build(Tokenize(text));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IndexOutOfRangeException or BooleanQuery.TooManyClausesException)
        {
            query.Words.Clear();
            query.Query = query.Build(Tokenize(Plain(text)));
        }

        return query;
    }

    private sealed record Token(string Text, bool Phrase, bool Negated, string? Facet);

    private static string Plain(string text) =>
        new(text.Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray());

    /// <summary>Lucene syntax people paste (boosts, fuzziness, ranges, groups, wildcards) is not ours: it becomes spaces.</summary>
    [GeneratedRegex(@"[\^~][0-9.]*|[()\[\]{}*?!\\/|&+]")]
    private static partial Regex Operators();

    /// <summary><c>name:</c> before a value; kept only when the name is a facet key.</summary>
    [GeneratedRegex(@"(?<=^|\s|-)([A-Za-z_]+):")]
    private static partial Regex FieldPrefix();

    private static string Clean(string text)
    {
        text = Operators().Replace(text, " ");
        text = FieldPrefix().Replace(text, m => Facets.IsKnown(m.Groups[1].Value.ToLowerInvariant()) ? m.Value : " ");
        if (text.Count(c => c == '"') % 2 == 1)
        {
            // An unclosed quote is a slip, not a phrase to the end.
            var last = text.LastIndexOf('"');
            text = text.Remove(last, 1).Insert(last, " ");
        }

        return text;
    }

    private static List<Token> Tokenize(string text)
    {
        text = Clean(text);
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var negated = text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]);
            if (negated)
            {
                i++;
            }

            string? facet = null;
            var colon = FacetPrefix(text, i);
            if (colon > 0)
            {
                facet = text[i..colon].ToLowerInvariant();
                i = colon + 1;
            }

            if (i < text.Length && text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                var phrase = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
                i = end < 0 ? text.Length : end + 1;
                tokens.Add(new Token(phrase, facet is null, negated, facet));
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var word = text[start..i].TrimEnd(':');
            if (word.Length > 0 && !(facet is null && Facets.IsKnown(word.ToLowerInvariant()) && text[start..i].EndsWith(':')))
            {
                tokens.Add(new Token(word, false, negated, facet));
            }
        }

        return tokens;
    }

    /// <summary>The index of the colon when the text at <paramref name="start"/> is <c>facet:</c> followed by a value.</summary>
    private static int FacetPrefix(string text, int start)
    {
        var colon = start;
        while (colon < text.Length && char.IsAsciiLetter(text[colon]))
        {
            colon++;
        }

        return colon < text.Length - 1 && text[colon] == ':' && !char.IsWhiteSpace(text[colon + 1])
            && Facets.IsKnown(text[start..colon].ToLowerInvariant()) ? colon : -1;
    }

    /// <summary>
    /// Terms are required, alternatives (<c>a OR b</c>) grouped, exclusions prohibited. A query of exclusions only
    /// excludes from everything.
    /// </summary>
    private BooleanQuery? Build(List<Token> tokens)
    {
        var groups = new List<List<Query>>();
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
                excluded.Add(clause);
            }
            else if (joinNext)
            {
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
        foreach (var group in groups)
        {
            query.Add(group.Count == 1 ? group[0] : Any(group), Occur.MUST);
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

    /// <summary>
    /// A facet filter as its term; a word or phrase as analysed by each language in the index (entries are analysed in
    /// their own language, all in one field), the distinct analyses as alternatives: usually one or two terms.
    /// </summary>
    private Query? Clause(Token token)
    {
        if (token.Facet is { } facet)
        {
            return new TermQuery(new Term(facet, _snapshot.ExactValue(facet, token.Text) ?? token.Text));
        }

        if (!token.Negated)
        {
            Words.AddRange(Plain(token.Text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()));
        }

        var text = token.Text.Normalize(NormalizationForm.FormC);
        var alternatives = new Dictionary<string, Query>(StringComparer.Ordinal);
        foreach (var language in _snapshot.Languages)
        {
            var terms = Analyze(_analyzers.For(language), text);
            if (terms.Count == 0)
            {
                if (token.Phrase)
                {
                    continue;
                }

                // A stop word in one of the languages ("the", "la"): requiring it would hide every entry in that language.
                return null;
            }

            var query = Match(LuceneFields.Text, terms, token.Phrase);
            alternatives.TryAdd(query.ToString(), query);
        }

        return alternatives.Count switch
        {
            0 => null,
            1 => alternatives.Values.First(),
            _ => Any([.. alternatives.Values]),
        };
    }
}
