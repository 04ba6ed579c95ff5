using System.Globalization;
using System.Net;
using System.Xml;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Api;

/// <summary>Each query option against rows computed from the store itself, as an anonymous caller.</summary>
public class QueryOptionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiTestKit _api = new(factory);

    private async Task<List<UseCase>> PublishedUseCasesAsync() =>
        (await _api.StoreAsync()).OfType<UseCase>().Where(e => e.Status == EntryStatus.Published).ToList();

    [StoreFact]
    public async Task Metadata_is_csdl_the_edm_reader_parses_without_errors()
    {
        using var client = factory.CreateClient();
        await using var stream = await client.GetStreamAsync(new Uri("/odata/$metadata", UriKind.Relative));
        using var reader = XmlReader.Create(stream);

        Assert.True(CsdlReader.TryParse(reader, out var model, out var errors), string.Join("; ", errors ?? []));
        var sets = model.EntityContainer.EntitySets().Select(s => s.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "UseCases", "BestPractices", "Sdgs", "SdgTargets", "Countries", "Regions", "Verticals", "Standards", "Organizations", "EntryTags" }, sets);
        var entry = model.FindDeclaredType("UseCaseHub.Entry") as Microsoft.OData.Edm.IEdmStructuredType;
        Assert.Null(entry!.FindProperty("ContentHash"));
        Assert.NotNull(entry.FindProperty("Sdgs"));
    }

    [StoreFact]
    public async Task Filter_with_any_over_sdgs_returns_the_published_use_cases_tagged_with_that_goal()
    {
        var expected = ApiTestKit.Pids((await PublishedUseCasesAsync()).Where(u => u.Sdgs.Any(s => s.Number == 6)));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, await _api.PidsAsync("/odata/UseCases?$filter=Sdgs/any(s: s/Number eq 6)&$select=Pid"));
    }

    [StoreFact]
    public async Task Filter_on_a_property_and_a_country_returns_the_matching_rows()
    {
        var expected = ApiTestKit.Pids((await PublishedUseCasesAsync()).Where(u => u.Stage == DeploymentStage.Pilot && u.Countries.Any(c => c.Iso2 == "NE")));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, await _api.PidsAsync("/odata/UseCases?$filter=Stage eq 'Pilot' and Countries/any(c: c/Iso2 eq 'NE')&$select=Pid"));
    }

    [StoreFact]
    public async Task Select_returns_only_the_selected_properties()
    {
        var body = await _api.GetAsync("/odata/UseCases?$select=Pid,Title&$top=1");

        var row = body["value"]![0]!.AsObject();
        Assert.Equal(["@odata.etag", "Pid", "Title"], row.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [StoreFact]
    public async Task Expand_returns_each_use_cases_goals()
    {
        var store = await PublishedUseCasesAsync();
        var body = await _api.GetAsync("/odata/UseCases?$select=Pid&$expand=Sdgs($select=Number)");

        foreach (var row in body["value"]!.AsArray())
        {
            var expected = store.Single(u => u.Pid == (string)row!["Pid"]!).Sdgs.Select(s => s.Number).Order();
            Assert.Equal(expected, row!["Sdgs"]!.AsArray().Select(s => (int)s!["Number"]!).Order());
        }
    }

    [StoreFact]
    public async Task Orderby_top_and_skip_return_the_expected_slice()
    {
        var expected = (await PublishedUseCasesAsync()).OrderByDescending(u => u.Title, StringComparer.Ordinal).Skip(3).Take(5).Select(u => u.Pid).ToList();

        var body = await _api.GetAsync("/odata/UseCases?$orderby=Title desc&$skip=3&$top=5&$select=Pid");

        Assert.Equal(expected, body["value"]!.AsArray().Select(v => (string)v!["Pid"]!));
    }

    [StoreFact]
    public async Task Count_is_the_number_of_matching_rows_not_of_the_page()
    {
        var expected = (await PublishedUseCasesAsync()).Count;

        var body = await _api.GetAsync("/odata/UseCases?$count=true&$top=2&$select=Pid");

        Assert.Equal(expected, (int)body["@odata.count"]!);
        Assert.Equal(2, body["value"]!.AsArray().Count);
    }

    [StoreFact]
    public async Task Long_results_are_paged_by_the_server_with_a_next_link()
    {
        int expected;
        using (var scope = factory.Services.CreateScope())
        {
            expected = scope.ServiceProvider.GetRequiredService<Core.Store.HubDbContext>().Countries.Count();
        }

        Assert.True(expected > 100, "the seeds hold more countries than a page");
        var codes = new List<string>();
        var next = "/odata/Countries?$select=Iso2";
        var pages = 0;
        while (next is not null)
        {
            var body = await _api.GetAsync(next);
            var page = body["value"]!.AsArray();
            Assert.True(page.Count <= 100);
            codes.AddRange(page.Select(c => (string)c!["Iso2"]!));
            next = body["@odata.nextLink"] is { } link ? new Uri((string)link!).PathAndQuery : null;
            pages++;
        }

        Assert.Equal((expected + 99) / 100, pages);
        Assert.Equal(expected, codes.Distinct().Count());
    }

    [StoreFact]
    public async Task Apply_groups_use_cases_by_stage_with_counts()
    {
        var expected = (await PublishedUseCasesAsync()).GroupBy(u => u.Stage).ToDictionary(g => g.Key.ToString(), g => g.Count());

        var body = await _api.GetAsync("/odata/UseCases?$apply=groupby((Stage),aggregate($count as Count))");

        var actual = body["value"]!.AsArray().ToDictionary(r => (string)r!["Stage"]!, r => (int)r!["Count"]!);
        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    [StoreTheory]
    [InlineData("sdg")]
    [InlineData("vertical")]
    [InlineData("region")]
    public async Task Apply_over_entry_tags_pivots_counts_by_sdg_vertical_and_region(string facet)
    {
        var published = (await _api.StoreAsync()).Where(e => e.Status == EntryStatus.Published).ToList();
        var expected = facet switch
        {
            "sdg" => published.SelectMany(e => e.Sdgs.Select(s => s.Number.ToString(CultureInfo.InvariantCulture))),
            "vertical" => published.SelectMany(e => e.Verticals.Select(v => v.Slug)),
            _ => published.SelectMany(e => e.Countries.Select(c => c.RegionCode!).Distinct()),
        };
        var counts = expected.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());

        var body = await _api.GetAsync($"/odata/EntryTags?$apply=filter(Facet eq '{facet}')/groupby((Code),aggregate($count as Entries))");

        var actual = body["value"]!.AsArray().ToDictionary(r => (string)r!["Code"]!, r => (int)r!["Entries"]!);
        Assert.NotEmpty(counts);
        Assert.Equal(counts.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [StoreFact]
    public async Task Search_is_answered_by_the_search_engine_and_combines_with_filter_and_count()
    {
        var published = await PublishedUseCasesAsync();
        var found = await _api.EngineFindsAsync("soil");
        var expected = ApiTestKit.Pids(published.Where(u => found.Contains(u.Id) && u.Countries.Any(c => c.Iso2 == "NE")));

        var body = await _api.GetAsync("/odata/UseCases?$search=soil&$filter=Countries/any(c: c/Iso2 eq 'NE')&$count=true&$select=Pid");

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, (int)body["@odata.count"]!);
        Assert.Equal(expected, body["value"]!.AsArray().Select(v => (string)v!["Pid"]!).Order(StringComparer.Ordinal));
    }

    [StoreFact]
    public async Task Search_over_entries_of_both_kinds_and_refused_where_it_has_no_meaning()
    {
        var store = await _api.StoreAsync();
        var found = await _api.EngineFindsAsync("coverage");
        var expected = ApiTestKit.Pids(store.Where(e => e.Status == EntryStatus.Published && found.Contains(e.Id)));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, await _api.PidsAsync("/odata/Entries?$search=coverage&$select=Pid"));
        var (status, body, _) = await _api.SendAsync(HttpMethod.Get, "/odata/Sdgs?$search=water");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("$search", (string)body!["error"]!["message"]!, StringComparison.Ordinal);
    }

    [StoreTheory]
    [InlineData("/odata/UseCases?$filter=Nope eq 1")]
    [InlineData("/odata/UseCases?$filter=Title eq")]
    [InlineData("/odata/UseCases?$orderby=Sdgs")]
    [InlineData("/odata/UseCases?$apply=groupby((Nope))")]
    [InlineData("/odata/UseCases?$expand=Sdgs/Entries")]
    public async Task A_malformed_query_is_a_400_odata_error_without_internals(string path)
    {
        var (status, body, response) = await _api.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("InvalidQuery", (string)body!["error"]!["code"]!);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Every_entity_carries_an_etag()
    {
        foreach (var set in new[] { "UseCases", "BestPractices", "Sdgs", "Countries", "Regions", "Verticals", "Standards", "Organizations" })
        {
            var body = await _api.GetAsync($"/odata/{set}?$top=1");
            Assert.StartsWith("W/\"", (string)body["value"]![0]!["@odata.etag"]!, StringComparison.Ordinal);
        }

        var useCase = (await PublishedUseCasesAsync())[0];
        var (_, single, response) = await _api.SendAsync(HttpMethod.Get, $"/odata/UseCases({useCase.Id})");
        Assert.Equal((string)single!["@odata.etag"]!, response.Headers.ETag?.ToString());
    }
}
