using UseCaseHub.Core.Search;
using UseCaseHub.Search.Lucene;

namespace UseCaseHub.Tests.Search;

/// <summary>
/// Answers of searches without words are kept per searcher under a key: two requests that could be answered differently
/// must never share one, so every property of <see cref="SearchRequest"/> is part of it (a property added later without
/// a place in the key fails here, not in a reader's results).
/// </summary>
public sealed class WordlessResultsTests
{
    private static readonly SearchRequest Base = new();

    /// <summary>One request per property, differing from <see cref="Base"/> in that property alone.</summary>
    private static readonly Dictionary<string, SearchRequest> Variants = new()
    {
        [nameof(SearchRequest.Query)] = Base with { Query = "water" },
        [nameof(SearchRequest.Filters)] = Base with { Filters = new Dictionary<string, IReadOnlyList<string>> { [Facets.Sdg] = ["6"] } },
        [nameof(SearchRequest.Facets)] = Base with { Facets = [Facets.Sdg] },
        [nameof(SearchRequest.FacetLimit)] = Base with { FacetLimit = 5 },
        [nameof(SearchRequest.FacetChildren)] = Base with { FacetChildren = FacetChildren.Selected },
        [nameof(SearchRequest.Sort)] = Base with { Sort = SearchSort.Newest },
        [nameof(SearchRequest.Page)] = Base with { Page = 2 },
        [nameof(SearchRequest.PageSize)] = Base with { PageSize = 10 },
        [nameof(SearchRequest.Highlight)] = Base with { Highlight = false },
        [nameof(SearchRequest.Audience)] = Base with { Audience = SearchAudience.Everyone },
        [nameof(SearchRequest.Language)] = Base with { Language = "fr" },
        [nameof(SearchRequest.OriginalsOnly)] = Base with { OriginalsOnly = true },
    };

    [Fact]
    public void Every_property_of_a_search_request_has_a_variant_here()
    {
        var properties = typeof(SearchRequest).GetProperties().Where(p => p.CanWrite || p.SetMethod is not null).Select(p => p.Name);
        Assert.Empty(properties.Except(Variants.Keys));
    }

    [Fact]
    public void Requests_that_differ_in_any_property_have_different_keys()
    {
        var key = WordlessResults.Key(Base);
        Assert.All(Variants, variant => Assert.NotEqual(key, WordlessResults.Key(variant.Value)));
        Assert.Equal(key, WordlessResults.Key(Base with { }));
    }

    [Fact]
    public void A_value_holding_a_separator_never_shares_a_key_with_two_values()
    {
        static SearchRequest With(params string[] values) =>
            Base with { Filters = new Dictionary<string, IReadOnlyList<string>> { [Facets.Vertical] = values } };

        Assert.NotEqual(WordlessResults.Key(With("energy", "water")), WordlessResults.Key(With("energy\u001fwater")));
        Assert.NotEqual(WordlessResults.Key(With("energy", "water")), WordlessResults.Key(With("energy,water")));
        Assert.NotEqual(WordlessResults.Key(With("a;", "b")), WordlessResults.Key(With("a", ";b")));
        Assert.Equal(WordlessResults.Key(With("energy", "water")), WordlessResults.Key(With("water", "energy")));
    }

    [Fact]
    public void Two_organisations_audiences_have_different_keys()
    {
        var one = Base with { Audience = new SearchAudience(false, Guid.NewGuid()) };
        var other = Base with { Audience = new SearchAudience(false, Guid.NewGuid()) };
        Assert.NotEqual(WordlessResults.Key(one), WordlessResults.Key(other));
    }
}
