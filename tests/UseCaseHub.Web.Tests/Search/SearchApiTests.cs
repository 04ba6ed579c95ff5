using System.Net;
using System.Text.Json;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Search;

/// <summary><c>/api/search</c> and <c>/api/suggest</c> over HTTP against the fixture content.</summary>
public class SearchApiTests(HubFactory factory) : IClassFixture<HubFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<JsonElement> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [StoreFact]
    public async Task Search_answers_hits_with_urls_and_snippets_and_labelled_facets()
    {
        var json = await GetJsonAsync("/api/search?q=water&sdg=6&facetChildren=true");

        Assert.Equal(2, json.GetProperty("total").GetInt64());
        Assert.Equal(1, json.GetProperty("page").GetInt32());
        Assert.Equal(20, json.GetProperty("pageSize").GetInt32());
        var hit = json.GetProperty("hits").EnumerateArray().First(h => h.GetProperty("title").GetString() == "Smart water metering in Kenya");
        Assert.Equal("use-case", hit.GetProperty("type").GetString());
        Assert.Equal("/use-cases/kenya-water", hit.GetProperty("url").GetString());
        Assert.Contains("<mark>water</mark>", hit.GetProperty("snippet").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(hit.GetProperty("score").GetSingle() > 0);
        Assert.True(Guid.TryParse(hit.GetProperty("id").GetString(), out _));

        var sdgs = json.GetProperty("facets").GetProperty("sdg").EnumerateArray().ToList();
        var six = sdgs.Single(v => v.GetProperty("value").GetString() == "6");
        Assert.True(six.GetProperty("selected").GetBoolean());
        Assert.Equal("Clean water and sanitation", six.GetProperty("label").GetString());
        var countries = json.GetProperty("facets").GetProperty("country").EnumerateArray();
        Assert.Contains(countries, c => c.GetProperty("value").GetString() == "KE" && c.GetProperty("label").GetString() == "Kenya" && c.GetProperty("count").GetInt64() == 1);
        var africa = json.GetProperty("facets").GetProperty("region").EnumerateArray().Single(r => r.GetProperty("value").GetString() == "002");
        Assert.Equal("Africa", africa.GetProperty("label").GetString());
        Assert.Equal("202", africa.GetProperty("children")[0].GetProperty("value").GetString());
        Assert.Equal("KE", africa.GetProperty("children")[0].GetProperty("children")[0].GetProperty("value").GetString());
    }

    [StoreFact]
    public async Task Children_nest_by_default_only_under_selected_values_and_their_ancestors()
    {
        var json = await GetJsonAsync("/api/search?country=KE");
        var all = await GetJsonAsync("/api/search?country=KE&facetChildren=true");

        var regions = json.GetProperty("facets").GetProperty("region").EnumerateArray().ToList();
        var africa = regions.Single(r => r.GetProperty("value").GetString() == "002");
        var eastern = africa.GetProperty("children").EnumerateArray().Single(s => s.GetProperty("value").GetString() == "202");
        Assert.Contains(eastern.GetProperty("children").EnumerateArray(), c => c.GetProperty("value").GetString() == "KE" && c.GetProperty("selected").GetBoolean());
        Assert.All(regions.Where(r => r.GetProperty("value").GetString() != "002"), r => Assert.False(r.TryGetProperty("children", out _)));
        Assert.All(json.GetProperty("facets").GetProperty("sdg").EnumerateArray(), g => Assert.False(g.TryGetProperty("children", out _)));
        Assert.Contains(all.GetProperty("facets").GetProperty("sdg").EnumerateArray(), g => g.TryGetProperty("children", out _));
        Assert.True(json.GetRawText().Length < all.GetRawText().Length);
    }

    [StoreFact]
    public async Task Facets_parameter_chooses_the_facets_counted()
    {
        var json = await GetJsonAsync("/api/search?facets=sdg,country&facets=type");
        var every = await GetJsonAsync("/api/search");

        Assert.Equal(["country", "sdg", "type"], json.GetProperty("facets").EnumerateObject().Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(every.GetProperty("facets").GetProperty("type").GetRawText(), json.GetProperty("facets").GetProperty("type").GetRawText());
        Assert.Equal(13, every.GetProperty("facets").EnumerateObject().Count());
        Assert.Equal(every.GetProperty("total").GetInt64(), json.GetProperty("total").GetInt64());
    }

    [StoreFact]
    public async Task A_parameter_may_repeat_to_combine_values_with_or()
    {
        var one = await GetJsonAsync("/api/search?country=KE");
        var two = await GetJsonAsync("/api/search?country=KE&country=FJ");

        Assert.Equal(1, one.GetProperty("total").GetInt64());
        Assert.Equal(2, two.GetProperty("total").GetInt64());
    }

    [StoreFact]
    public async Task Paging_and_sorting_follow_the_parameters()
    {
        var first = await GetJsonAsync("/api/search?sort=title&pageSize=5");
        var second = await GetJsonAsync("/api/search?sort=title&pageSize=5&page=2");

        var titles = first.GetProperty("hits").EnumerateArray().Concat(second.GetProperty("hits").EnumerateArray())
            .Select(h => h.GetProperty("title").GetString()!.ToLowerInvariant()).ToList();
        Assert.Equal(10, titles.Count);
        Assert.Equal(titles.Order(StringComparer.Ordinal), titles);
        Assert.Equal(27, first.GetProperty("total").GetInt64());
    }

    [StoreFact]
    public async Task Facet_limit_keeps_the_most_frequent_values_and_the_selected_ones()
    {
        var json = await GetJsonAsync("/api/search?facetLimit=1&country=FJ");

        Assert.True(json.GetProperty("facets").GetProperty("sdg").GetArrayLength() > 1, "the SDG goals are always all shown");
        foreach (var facet in json.GetProperty("facets").EnumerateObject().Where(f => f.Name is not ("country" or "sdg")))
        {
            Assert.True(facet.Value.GetArrayLength() <= 1, facet.Name);
        }

        var countries = json.GetProperty("facets").GetProperty("country").EnumerateArray().Select(c => c.GetProperty("value").GetString()).ToList();
        Assert.Contains("FJ", countries);
        Assert.True(countries.Count <= 2);
    }

    [StoreFact]
    public async Task Drafts_are_not_found_anonymously()
    {
        var json = await GetJsonAsync("/api/search?q=draft+nobody");

        Assert.Equal(0, json.GetProperty("total").GetInt64());
    }

    [StoreTheory]
    [InlineData("sort=sideways", "sort")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("sdg=99", "sdg")]
    [InlineData("country=Kenya", "country")]
    [InlineData("year=twenty", "year")]
    [InlineData("facetLimit=0", "facetLimit")]
    [InlineData("facetLimit=101", "facetLimit")]
    [InlineData("facets=sdg,colour", "facets")]
    [InlineData("facetChildren=maybe", "facetChildren")]
    public async Task Bad_parameters_answer_problem_details_naming_the_parameter(string query, string parameter)
    {
        using var response = await _client.GetAsync(new Uri("/api/search?" + query, UriKind.Relative));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, json.GetProperty("status").GetInt32());
        Assert.Equal(parameter, json.GetProperty("parameter").GetString());
        Assert.Contains(parameter, json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [StoreTheory]
    [InlineData("101")]
    [InlineData("1000")]
    public async Task A_facet_limit_over_the_maximum_is_refused_naming_the_maximum(string facetLimit)
    {
        using var response = await _client.GetAsync(new Uri("/api/search?facetLimit=" + facetLimit, UriKind.Relative));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("facetLimit", json.GetProperty("parameter").GetString());
        Assert.Contains("from 1 to 100", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await GetJsonAsync("/api/search?facetLimit=100");
    }

    [StoreFact]
    public async Task Malformed_query_text_is_not_an_error()
    {
        var json = await GetJsonAsync("/api/search?q=%22water+(AND+OR+-");

        Assert.True(json.GetProperty("total").GetInt64() > 0);
    }

    [StoreFact]
    public async Task Suggest_offers_titles_and_tags()
    {
        var json = await GetJsonAsync("/api/suggest?q=ken");
        var titles = await GetJsonAsync("/api/suggest?q=reef+mon");

        Assert.Contains(json.EnumerateArray(), s => s.GetProperty("text").GetString() == "Kenya" && s.GetProperty("url").GetString() == "/search?country=KE");
        Assert.Contains(titles.EnumerateArray(), s => s.GetProperty("text").GetString() == "Reef monitoring buoys in Fiji" && s.GetProperty("url").GetString() == "/use-cases/fiji-reef");
        Assert.Empty((await GetJsonAsync("/api/suggest?q=")).EnumerateArray());
    }
}
