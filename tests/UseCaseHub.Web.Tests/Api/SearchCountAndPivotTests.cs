using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Web.Tests.Api;

/// <summary>
/// OData at scale (issue 14, item 5): <c>$search</c> + <c>$count</c> counted by the engine with only the page's ids joined,
/// and tag pivots answered from the engine's facet counts. Every figure must equal what the store says the caller may see.
/// </summary>
public sealed class SearchCountAndPivotTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiTestKit _api = new(factory);

    public static TheoryData<string> Callers => ["anonymous", "no-role", "member-own", "member-other", "curator"];

    private static readonly string[] Queries = ["water", "draft", "soil", "coverage", "sensor network", "nothingmatchesthis"];

    private async Task<Caller> CallerAsync(string who) => who switch
    {
        "anonymous" => Caller.Anonymous,
        "no-role" => new Caller("Guest"),
        "member-own" => Caller.Member(await _api.OrganizationIdAsync("Fixture Utility")),
        "member-other" => Caller.Member(await _api.OrganizationIdAsync("UseCaseHub editors")),
        _ => Caller.Curator,
    };

    private async Task<int> CountAsync(string path, Caller caller) => (int)(await _api.GetAsync(path, caller))["@odata.count"]!;

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Search_count_is_the_store_count_of_what_the_caller_may_see(string who)
    {
        var caller = await CallerAsync(who);
        var store = (await _api.StoreAsync()).Where(e => e.RevisionOfId is null && ApiTestKit.Sees(caller, e)).ToList();
        foreach (var query in Queries)
        {
            var found = await _api.EngineFindsAsync(query);
            var q = Uri.EscapeDataString(query);
            var useCases = ApiTestKit.Pids(store.OfType<UseCase>().Where(u => found.Contains(u.Id)));
            var practices = ApiTestKit.Pids(store.OfType<BestPractice>().Where(b => found.Contains(b.Id)));

            Assert.Equal(useCases.Count, await CountAsync($"/odata/UseCases?$search={q}&$count=true&$top=2&$select=Pid", caller));
            Assert.Equal(practices.Count, await CountAsync($"/odata/BestPractices?$search={q}&$count=true&$top=0", caller));
            Assert.Equal(useCases.Count + practices.Count, await CountAsync($"/odata/Entries?$search={q}&$count=true&$top=1&$select=Pid", caller));
            var (_, _, response) = await _api.SendAsync(HttpMethod.Get, $"/odata/UseCases/$count?$search={q}", caller);
            Assert.Equal(useCases.Count, int.Parse(await response.Content.ReadAsStringAsync(), CultureInfo.InvariantCulture));
            Assert.Equal(useCases, await _api.PidsAsync($"/odata/UseCases?$search={q}&$select=Pid", caller));
            // The id join (taken with $filter) agrees with the engine's count.
            Assert.Equal(useCases.Count, await CountAsync($"/odata/UseCases?$search={q}&$filter=true&$count=true&$top=1", caller));
        }
    }

    [Fact]
    public async Task The_engine_audience_is_the_api_visibility_where_the_two_could_differ()
    {
        // A draft of one organisation matches "draft": its members count it, another organisation's do not, curators do.
        var own = await CallerAsync("member-own");
        var other = await CallerAsync("member-other");
        var draft = (await _api.StoreAsync()).Single(e => e.Pid == "UC-2026-00005");
        Assert.Equal(EntryStatus.Draft, draft.Status);
        Assert.Contains(draft.Id, await _api.EngineFindsAsync("draft"));
        const string path = "/odata/UseCases?$search=draft&$count=true&$select=Pid";

        var ownCount = await CountAsync(path, own);
        var otherCount = await CountAsync(path, other);
        var anonymousCount = await CountAsync(path, Caller.Anonymous);

        Assert.Equal(otherCount + 1, ownCount);
        Assert.Equal(anonymousCount, otherCount);
        Assert.Contains(draft.Pid, await _api.PidsAsync(path, own));
        Assert.DoesNotContain(draft.Pid, await _api.PidsAsync(path, other));
        Assert.True(await CountAsync(path, Caller.Curator) >= ownCount);
    }

    [Fact]
    public async Task Search_pages_come_best_first_and_skip_walks_every_match_once()
    {
        var engine = factory.Services.GetRequiredService<ISearchEngine>();
        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();
        var store = (await _api.StoreAsync()).ToDictionary(e => e.Id);
        var (query, expected) = (await Task.WhenAll(new[] { "water", "data", "network", "sensor", "energy", "city" }.Select(async q =>
            (q, (await engine.MatchingIdsAsync(q, SearchAudience.Public, 1000)).Where(id => store[id] is UseCase).Select(id => store[id].Pid).ToList()))))
            .OrderByDescending(m => m.Item2.Count).First();
        Assert.True(expected.Count >= 3, "the fixture has several matches");

        var walked = new List<string>();
        for (var skip = 0; skip < expected.Count + 2; skip += 2)
        {
            var page = await _api.GetAsync($"/odata/UseCases?$search={query}&$top=2&$skip={skip}&$select=Pid&$count=true");
            Assert.Equal(expected.Count, (int)page["@odata.count"]!);
            Assert.Null(page["@odata.nextLink"]);
            walked.AddRange(page["value"]!.AsArray().Select(v => (string)v!["Pid"]!));
        }

        Assert.Equal(expected, walked);
    }

    [Theory]
    [InlineData("$skip=2147483647")]
    [InlineData("$skip=2147483600&$top=1000")]
    [InlineData("$skip=10000&$count=true")]
    public async Task A_search_skip_past_the_window_or_near_the_int_limit_is_a_problem_not_a_crash(string options)
    {
        var (status, body, _) = await _api.SendAsync(HttpMethod.Get, $"/odata/UseCases?$search=water&{options}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SearchSkipTooDeep", (string)body!["error"]!["code"]!);
    }

    [Fact]
    public async Task Search_with_expand_keeps_the_expansion()
    {
        var body = await _api.GetAsync("/odata/UseCases?$search=water&$top=3&$select=Pid&$expand=Sdgs($select=Number)");
        var rows = body["value"]!.AsArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.NotNull(r!["Sdgs"]));
    }

    public static TheoryData<string, string> Pivots
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var who in new[] { "anonymous", "member-own", "member-other", "curator" })
            {
                foreach (var facet in new[] { "sdg", "region", "vertical", "country", "technology", "standard" })
                {
                    data.Add(who, facet);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Pivots))]
    public async Task Pivot_from_the_engine_equals_the_stores_grouping(string who, string facet)
    {
        var caller = await CallerAsync(who);
        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();
        foreach (var groupBy in new[] { "Code", "Code,Label" })
        {
            var apply = $"$apply=filter(Facet eq '{facet}')/groupby(({groupBy}),aggregate($count as Entries))";

            var fromEngine = await _api.GetAsync($"/odata/EntryTags?{apply}", caller);
            // $orderby (the same order the store's grouping gives anyway) sends the request down the store's path.
            var fromStore = await _api.GetAsync($"/odata/EntryTags?{apply}&$orderby=Code", caller);

            Assert.NotEmpty(fromStore["value"]!.AsArray());
            Assert.True(JsonNode.DeepEquals(fromStore, fromEngine), $"{facet} by {groupBy}:\nstore  {fromStore.ToJsonString()}\nengine {fromEngine.ToJsonString()}");
        }
    }

    [Theory]
    [InlineData("application/json;odata.metadata=full", "odata.metadata=full")]
    [InlineData("application/json;odata.metadata=minimal;IEEE754Compatible=true", "IEEE754Compatible=true")]
    [InlineData("application/json;IEEE754Compatible=false", "IEEE754Compatible=false")]
    [InlineData("application/json;odata.metadata=none", "odata.metadata=none")]
    public async Task Pivot_asked_for_another_format_is_answered_by_odata_in_that_format(string accept, string expected)
    {
        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();
        const string pivot = "/odata/EntryTags?$apply=filter(Facet eq 'sdg')/groupby((Code,Label),aggregate($count as Entries))";
        using var request = new HttpRequestMessage(HttpMethod.Get, pivot);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await factory.CreateClient().SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, response.Content.Headers.ContentType!.ToString(), StringComparison.OrdinalIgnoreCase);
        var rows = body["value"]!.AsArray();
        Assert.NotEmpty(rows);
        if (expected.StartsWith("IEEE754Compatible=true", StringComparison.Ordinal))
        {
            // Int64 counts as strings, as IEEE754Compatible asks.
            Assert.All(rows, r => Assert.Equal(System.Text.Json.JsonValueKind.String, r!["Entries"]!.GetValueKind()));
        }

        if (expected == "odata.metadata=full")
        {
            Assert.NotNull(body["@odata.context"]);
            Assert.Contains("@odata.type", body.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("application/json;odata.metadata=minimal")]
    [InlineData("*/*")]
    [InlineData("application/json;q=0.9, */*;q=0.1")]
    public async Task Pivot_in_the_default_format_is_answered_alike_whatever_the_accept_header_says(string accept)
    {
        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();
        const string pivot = "/odata/EntryTags?$apply=filter(Facet eq 'sdg')/groupby((Code,Label),aggregate($count as Entries))";
        using var request = new HttpRequestMessage(HttpMethod.Get, pivot);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await factory.CreateClient().SendAsync(request);
        var fromStore = await _api.GetAsync(pivot + "&$orderby=Code");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("odata.metadata=minimal", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(fromStore, JsonNode.Parse(await response.Content.ReadAsStringAsync())));
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Pivot_counts_by_sdg_and_region_are_counts_of_visible_entries(string who)
    {
        var caller = await CallerAsync(who);
        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();
        var visible = (await _api.StoreAsync()).Where(e => e.RevisionOfId is null && ApiTestKit.Sees(caller, e)).ToList();
        var bySdg = visible.SelectMany(e => e.Sdgs.Select(s => s.Number.ToString(CultureInfo.InvariantCulture))).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var byRegion = visible.SelectMany(e => e.Countries.Where(c => c.RegionCode is not null).Select(c => c.RegionCode!).Distinct()).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());

        foreach (var (facet, expected) in new[] { ("sdg", bySdg), ("region", byRegion) })
        {
            var body = await _api.GetAsync($"/odata/EntryTags?$apply=filter(Facet eq '{facet}')/groupby((Code),aggregate($count as Entries))", caller);
            var actual = body["value"]!.AsArray().ToDictionary(r => (string)r!["Code"]!, r => (int)r!["Entries"]!);
            Assert.NotEmpty(expected);
            Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }
}

/// <summary>
/// A host of its own (its own store and index, which these tests change): <c>Api:MaxSearchHits</c> at two, and a store
/// changed behind the engine's back to show which one answers.
/// </summary>
public sealed class SearchCapAndEngineCountTests(SearchCapAndEngineCountTests.CappedFactory factory) : IClassFixture<SearchCapAndEngineCountTests.CappedFactory>
{
    private readonly ApiTestKit _api = new(factory);

    public sealed class CappedFactory : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Api:MaxSearchHits", "2")];
    }

    [Fact]
    public async Task Search_with_filter_over_the_cap_is_refused_with_a_problem_not_cut()
    {
        var alone = await _api.GetAsync("/odata/Entries?$search=water&$count=true&$select=Pid");
        Assert.True((int)alone["@odata.count"]! > 2, "$search alone is not capped");

        var (status, body, _) = await _api.SendAsync(HttpMethod.Get, "/odata/Entries?$search=water&$filter=true&$count=true");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SearchTooBroad", (string)body!["error"]!["code"]!);
    }

    [Fact]
    public async Task The_pivot_is_counted_by_the_engine_and_other_shapes_by_the_store()
    {
        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();
        const string pivot = "/odata/EntryTags?$apply=filter(Facet eq 'sdg')/groupby((Code),aggregate($count as Entries))";
        static int Goal6(JsonNode body) => body["value"]!.AsArray().Where(r => (string)r!["Code"]! == "6").Select(r => (int)r!["Entries"]!).SingleOrDefault();
        var before = Goal6(await _api.GetAsync(pivot));
        Assert.True(before > 0);

        // One goal-6 link removed in SQL, past the context (no outbox row): the store knows, the index does not (yet).
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Core.Store.HubDbContext>();
            // Plain SQL both stores speak; the entry picked by SQL too, so no id crosses a provider's Guid conversion.
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(
                "DELETE FROM \"EntrySdgs\" WHERE \"SdgsNumber\" = 6 AND \"EntriesId\" = (SELECT l.\"EntriesId\" FROM \"EntrySdgs\" l "
                + "JOIN \"Entries\" e ON e.\"Id\" = l.\"EntriesId\" WHERE l.\"SdgsNumber\" = 6 AND e.\"Status\" = 'Published' AND e.\"RevisionOfId\" IS NULL LIMIT 1)"));
        }

        Assert.Equal(before, Goal6(await _api.GetAsync(pivot)));
        Assert.Equal(before - 1, Goal6(await _api.GetAsync(pivot + "&$orderby=Code")));

        // A format the hand-written body is not (full metadata, numbers as strings) goes to the store's OData answer.
        foreach (var accept in new[] { "application/json;odata.metadata=full", "application/json;IEEE754Compatible=true" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, pivot);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await factory.CreateClient().SendAsync(request);
            var rows = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]!.AsArray();
            var goal6 = rows.Where(r => (string)r!["Code"]! == "6").Select(r => r!["Entries"]!.ToString()).Single();
            Assert.Equal((before - 1).ToString(CultureInfo.InvariantCulture), goal6);
        }
    }

    [Fact]
    public async Task The_pivot_from_the_engine_follows_a_write_once_it_is_indexed()
    {
        // The engine keeps wordless answers per searcher (WordlessResults): a write must still show once indexed.
        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();
        const string pivot = "/odata/EntryTags?$apply=filter(Facet eq 'sdg')/groupby((Code),aggregate($count as Entries))";
        static int Goal17(JsonNode body) => body["value"]!.AsArray().Where(r => (string)r!["Code"]! == "17").Select(r => (int)r!["Entries"]!).SingleOrDefault();
        var before = Goal17(await _api.GetAsync(pivot));
        Assert.Equal(before, Goal17(await _api.GetAsync(pivot)));

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Core.Store.HubDbContext>();
            var entry = await db.Entries.Include(e => e.Sdgs)
                .Where(e => e.Status == EntryStatus.Published && e.RevisionOfId == null && !e.Sdgs.Any(s => s.Number == 17))
                .OrderBy(e => e.Pid).FirstAsync();
            entry.Sdgs.Add(await db.SdgGoals.SingleAsync(g => g.Number == 17));
            await db.SaveChangesAsync();
        }

        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();
        Assert.Equal(before + 1, Goal17(await _api.GetAsync(pivot)));
        Assert.Equal(before + 1, Goal17(await _api.GetAsync(pivot + "&$orderby=Code")));
    }
}
