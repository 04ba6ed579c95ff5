using Elastic.Clients.Elasticsearch.QueryDsl;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Elasticsearch;

/// <summary>
/// What a person typed (<see cref="QuerySyntax"/>, the syntax the Lucene engine reads) as a structured query: every word a
/// <c>multi_match</c> over every language's text fields, phrases <c>multi_match</c> of type phrase, <c>a OR b</c> a
/// <c>bool.should</c>, -excluded a <c>must_not</c>, <c>facet:value</c> a term on the facet's keyword field. User text is
/// only ever a match query's text, never parsed by Elasticsearch as query syntax (no <c>query_string</c>).
/// </summary>
internal sealed class EsQuery
{
    private EsQuery()
    {
    }

    /// <summary>Null for an empty query (match everything).</summary>
    public Query? Query { get; private set; }

    /// <summary>The plain words (not excluded, not facet values), for "did you mean" and the phrase bonus.</summary>
    public List<string> Words { get; } = [];

    /// <summary>An OR in the query: "the words side by side" means nothing then.</summary>
    public bool Alternatives { get; private set; }

    public static EsQuery Parse(string? text)
    {
        var parsed = new EsQuery();
        var groups = new List<List<Query>>();
        var excluded = new List<Query>();
        var joinNext = false;
        foreach (var token in QuerySyntax.Tokenize(text ?? ""))
        {
            if (token is { Facet: null, Phrase: false, Negated: false } && token.Text is "OR" or "AND")
            {
                joinNext = token.Text == "OR" && groups.Count > 0;
                continue;
            }

            var clause = parsed.Clause(token);
            if (token.Negated)
            {
                excluded.Add(clause);
            }
            else if (joinNext)
            {
                parsed.Alternatives = true;
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
            return parsed;
        }

        var query = new BoolQuery
        {
            Must = groups.Count == 0 ? [new MatchAllQuery()] : groups.Select(g => g.Count == 1 ? g[0] : new BoolQuery { Should = g, MinimumShouldMatch = 1 }).ToList(),
        };
        if (excluded.Count > 0)
        {
            query.MustNot = excluded;
        }

        parsed.Query = query;
        return parsed;
    }

    private Query Clause(QueryToken token)
    {
        if (token.Facet is { } facet)
        {
            // Facet values as typed (ke, KE): the keyword is matched without case, as the Lucene engine maps it.
            return new TermQuery(EsFields.Facet(facet), token.Text) { CaseInsensitive = true };
        }

        if (!token.Negated)
        {
            Words.AddRange(QuerySyntax.Plain(token.Text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()));
        }

        return token.Phrase
            ? new MultiMatchQuery(token.Text) { Type = TextQueryType.Phrase, Fields = EsFields.Searched }
            // A compound or a run of Chinese characters analyses to several terms: all of them required, in one field. A stop
            // word of one language ("the", "la") matches everything in that language's fields instead of hiding its
            // entries (as on Lucene), except when excluded: excluding it must not exclude everything.
            : new MultiMatchQuery(token.Text)
            {
                Type = TextQueryType.BestFields,
                Operator = Operator.And,
                Fields = EsFields.Searched,
                ZeroTermsQuery = token.Negated ? null : ZeroTermsQuery.All,
            };
    }
}
