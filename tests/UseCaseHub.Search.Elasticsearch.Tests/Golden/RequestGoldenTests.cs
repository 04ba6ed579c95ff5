using System.Text;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Elastic.Transport.Extensions;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using HubSearchRequest = UseCaseHub.Core.Search.SearchRequest;

namespace UseCaseHub.Search.Elasticsearch.Tests.Golden;

/// <summary>
/// The JSON of every request the engine builds, serialised by the client's own serializer, pinned in golden files: a
/// change to a query, an aggregation, a mapping or the alias swap shows up as a reviewed diff, without a cluster.
/// </summary>
public sealed class RequestGoldenTests
{
    private static readonly ElasticsearchClient Client = ElasticsearchServiceCollectionExtensions.CreateClient(
        new ElasticsearchOptions { Url = new Uri("http://127.0.0.1:9200") }, new InMemoryRequestInvoker());

    private static readonly EsRequests Requests = new("usecasehub");

    private static readonly Guid Organization = Guid.Parse("6d1f0000-0000-4000-8000-000000000001");

    private static JsonNode? Json<T>(T request) => JsonNode.Parse(Client.RequestResponseSerializer.SerializeToString(request));

    private static JsonNode? Search(HubSearchRequest request) => Json(Requests.Search(request, EsQuery.Parse(request.Query)));

    private static Dictionary<string, IReadOnlyList<string>> Filters(params (string Facet, string[] Values)[] filters) =>
        filters.ToDictionary(f => f.Facet, f => (IReadOnlyList<string>)f.Values);

    public static TheoryData<string, HubSearchRequest> Searches() => new()
    {
        { "search-no-facet-selected", new HubSearchRequest { Query = "water meters", Facets = [Facets.Sdg, Facets.Type], Language = "en" } },
        { "search-one-value", new HubSearchRequest { Query = "water", Facets = [Facets.Sdg, Facets.Country], Filters = Filters((Facets.Sdg, ["6"])) } },
        { "search-two-values-one-facet", new HubSearchRequest { Query = "water", Facets = [Facets.Sdg, Facets.Country], Filters = Filters((Facets.Sdg, ["6", "14"])) } },
        { "search-values-in-two-facets", new HubSearchRequest { Query = "water", Facets = [Facets.Sdg, Facets.Country], Filters = Filters((Facets.Sdg, ["6"]), (Facets.Country, ["KE"])) } },
        { "search-hierarchy", new HubSearchRequest { Facets = [Facets.Region, Facets.Subregion, Facets.Country, Facets.Sdg, Facets.Target], Filters = Filters((Facets.Subregion, ["014"]), (Facets.Target, ["6.1"])) } },
        { "search-phrase", new HubSearchRequest { Query = "\"smart meters\" kenya", Highlight = true } },
        { "search-boolean", new HubSearchRequest { Query = "lorawan OR sigfox -draft sdg:6", Highlight = false } },
        { "search-syntax-is-text", new HubSearchRequest { Query = "wat* title:(a OR b)^3 ~2 [1 TO 5] \\ /x/", Highlight = false } },
        { "search-sort-newest-page-3", new HubSearchRequest { Query = "", Sort = SearchSort.Newest, Page = 3, PageSize = 10, Highlight = false } },
        { "search-sort-title-member", new HubSearchRequest { Query = "sensors", Sort = SearchSort.Title, Audience = new SearchAudience(false, Organization), Language = "fr" } },
        { "search-beyond-window", new HubSearchRequest { Query = "sensors", Page = 1000, PageSize = 100, Audience = SearchAudience.Everyone } },
    };

    [Theory]
    [MemberData(nameof(Searches))]
    public void Search_requests_match_their_golden_files(string name, HubSearchRequest request) => GoldenFile.Match(name, Search(request));

    [Fact]
    public void The_probe_for_did_you_mean_asks_for_a_count_only() =>
        GoldenFile.Match("probe", Json(Requests.Probe(new HubSearchRequest { Query = "water", Filters = Filters((Facets.Sdg, ["6"])) }, EsQuery.Parse("water"))));

    [Fact]
    public void Matching_ids() => GoldenFile.Match("matching-ids", Json(Requests.MatchingIds("water", SearchAudience.Public, 500)));

    [Fact]
    public void Matching_page_of_one_type_with_its_count() =>
        GoldenFile.Match("matching-page", Json(Requests.MatchingPage(new MatchRequest("water", SearchAudience.Public, SearchTypes.UseCase, 20, 10))));

    [Fact]
    public void Matching_page_past_the_window_only_counts() =>
        GoldenFile.Match("matching-page-past-window", Json(Requests.MatchingPage(new MatchRequest("water", SearchAudience.Public, null, int.MaxValue, int.MaxValue))));

    [Fact]
    public void Tag_suggestions_escape_the_typed_text() => GoldenFile.Match("suggest-tags", Json(Requests.TagSuggestions("Ke.*(")));

    /// <summary>
    /// A keyword term is <c>label␟name␟facet␟value</c>: the typed text starts the label, which may go on. .NET's regex
    /// reads this subset (literals, escapes, a negated class, <c>.*</c>) as Lucene's does; ES anchors the whole term.
    /// </summary>
    [Theory]
    [InlineData("fij", "fiji␟Fiji␟country␟FJ", true)]
    [InlineData("Fiji", "fiji␟Fiji␟country␟FJ", true)]
    [InlineData(" fi ", "fiji␟Fiji␟country␟FJ", true)]
    [InlineData("fiji", "fiji␟Fiji␟country␟FJ", true)]
    [InlineData("iji", "fiji␟Fiji␟country␟FJ", false)]
    [InlineData("fiji islands", "fiji␟Fiji␟country␟FJ", false)]
    [InlineData("country", "fiji␟Fiji␟country␟FJ", false)]
    [InlineData("ke.*(", "ke.*(x␟Odd␟tag␟x", true)]
    [InlineData("ke.*(", "kenya␟Kenya␟country␟KE", false)]
    public void Tag_suggestions_match_labels_that_start_with_the_typed_text(string typed, string term, bool matches) =>
        Assert.Equal(matches, System.Text.RegularExpressions.Regex.IsMatch(term, "^(?:" + EsRequests.TagPattern(typed) + ")$"));

    [Fact]
    public void Title_suggestions() => GoldenFile.Match("suggest-titles", Json(Requests.TitleSuggestions("water me", SearchAudience.Public, 6)));

    [Fact]
    public void More_like_an_entry() => GoldenFile.Match("more-like-this", Json(Requests.Similar(Organization, SearchAudience.Public, 5)));

    [Fact]
    public void More_like_a_text() => GoldenFile.Match("more-like-text", Json(Requests.SimilarToText("Water meters in Kenya", SearchAudience.Everyone, 5, Organization)));

    [Fact]
    public void Alias_swap_is_one_request_that_also_deletes_the_old_versions() =>
        GoldenFile.Match("alias-swap", Json(Requests.SwapAlias("usecasehub-20261201000000000", ["usecasehub-20261130000000000"])));

    [Fact]
    public void Index_template() => GoldenFile.Match("index-template", Json(EsIndexTemplate.Create("usecasehub", "cjk")));

    [Fact]
    public void Translations_of_removed_entries() => GoldenFile.Match("remove-translations", Json(Requests.RemoveTranslations([Organization])));

    [Fact]
    public void Bulk_is_one_action_line_and_one_source_line_per_document()
    {
        var document = new SearchDocument
        {
            Id = Guid.Parse("0b5c0000-0000-4000-8000-000000000002"),
            Pid = "UC-2026-00002",
            Type = SearchTypes.UseCase,
            Slug = "kenya-water",
            Title = "Smart water meters in Kenya",
            Summary = "Prepaid meters <b>report</b> use.",
            Body = "Meters send readings over LoRaWAN.",
            Language = "en",
            Status = EntryStatus.Published.ToString(),
            Organization = Organization,
            PublishedAt = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(2026, 2, 2, 0, 0, 0, TimeSpan.Zero),
            Tags = new Dictionary<string, IReadOnlyList<string>> { [Facets.Sdg] = ["6"], [Facets.Country] = ["KE"], [Facets.Subregion] = ["014"], [Facets.Region] = ["002"] },
            Labels = [new TagLabel(Facets.Country, "KE", "Kenya"), new TagLabel(Facets.Sdg, "6", "Clean water and sanitation")],
            LocalizedLabels = [new LocalizedLabel("fr", "Eau propre et assainissement")],
            Parents = [new FacetParent(Facets.Country, "KE", "014"), new FacetParent(Facets.Subregion, "014", "002")],
            HiddenFor = ["fr"],
        };
        var bulk = EsRequests.Bulk("usecasehub-20261201000000000", [document], [Guid.Parse("0b5c0000-0000-4000-8000-000000000003")], waitForRefresh: false);
        using var stream = new MemoryStream();
        bulk.Serialize(stream, Client.ElasticsearchClientSettings, SerializationFormatting.None);
        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        GoldenFile.Match("bulk", new JsonArray(lines.Select(l => JsonNode.Parse(l)).ToArray()));
    }
}
