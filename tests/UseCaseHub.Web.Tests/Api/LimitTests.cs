using System.Net;
using System.Text.Json.Nodes;

namespace UseCaseHub.Web.Tests.Api;

/// <summary>Every limit answers 400 with an OData error naming the limit, never a 500 or a stack trace.</summary>
public sealed class LimitTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiTestKit _api = new(factory);

    private async Task AssertRefusedAsync(string path, string namesTheLimit, HttpMethod? method = null, object? body = null, Caller? caller = null)
    {
        var (status, error, response) = await _api.SendAsync(method ?? HttpMethod.Get, path, caller, body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status}: {text}");
        Assert.Contains(namesTheLimit, (string)error!["error"]!["message"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("StackTrace", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_above_the_maximum_is_refused_and_the_maximum_itself_is_served()
    {
        await AssertRefusedAsync("/odata/Countries?$top=1001", "1000");

        var body = await _api.GetAsync("/odata/Countries?$top=1000&$select=Iso2");
        Assert.True(body["value"]!.AsArray().Count <= 100, "server paging still applies under $top");
    }

    [Fact]
    public async Task Top_inside_an_expansion_is_limited_too()
    {
        await AssertRefusedAsync("/odata/Sdgs?$expand=Entries($top=5000)", "1000");
    }

    [Fact]
    public async Task Expansion_deeper_than_three_is_refused()
    {
        // Three levels along an allowed path, narrow enough for the row limit.
        await _api.GetAsync("/odata/Sdgs?$top=1&$expand=Targets($top=3;$expand=Entries($top=3;$expand=Countries))");
        await AssertRefusedAsync("/odata/UseCases?$expand=Sdgs($expand=Entries($expand=Countries($expand=Entries)))", "maximum depth allowed is 3");
    }

    [Fact]
    public async Task An_expansion_fanning_out_past_the_row_limit_is_refused_before_it_runs()
    {
        // Three levels deep only, but 100 goals x 100 entries x (100 goals x 100 entries + 100 countries x 100 entries).
        await AssertRefusedAsync("/odata/Sdgs?$expand=Entries($expand=Sdgs($expand=Entries),Countries($expand=Entries))", "Api:MaxExpandedRows");
        await AssertRefusedAsync("/odata/Sdgs?$expand=Entries($expand=Countries)", "limit of 50000 rows");
        await AssertRefusedAsync("/odata/UseCases?$expand=Sdgs,Countries,Verticals,Technologies,Standards,SdgTargets", "Api:MaxExpandedRows");

        // The same shapes with $top inside the expansion fit.
        await _api.GetAsync("/odata/Sdgs?$expand=Entries($top=10;$expand=Countries($top=10))");
        await _api.GetAsync("/odata/UseCases?$top=20&$expand=Sdgs,Countries,Verticals,Technologies,Standards,SdgTargets");
    }

    [Theory]
    [InlineData("/odata/Sdgs?$top=1&$expand=Entries($top=1;$expand=Sdgs($top=1;$expand=Entries($top=1)))", "Entries/Sdgs/Entries")]
    [InlineData("/odata/UseCases?$top=1&$expand=Sdgs($top=1;$expand=Entries($top=1))", "Sdgs/Entries")]
    [InlineData("/odata/Countries?$top=1&$expand=Entries($top=1;$expand=Countries($top=1;$expand=Entries($top=1)))", "Entries/Countries/Entries")]
    [InlineData("/odata/Organizations?$top=1&$expand=Entries($top=1;$expand=Organization($expand=Entries($top=1)))", "Entries/Organization")]
    [InlineData("/odata/Sdgs?$top=1&$expand=Entries/$ref,Targets($top=1;$expand=Goal)", "Targets/Goal")]
    public async Task Only_allow_listed_navigations_expand_even_when_narrow(string path, string named)
    {
        await AssertRefusedAsync(path, named);
    }

    [Theory]
    [InlineData("/odata/UseCases?$filter=Countries/any(c: c/Iso2 eq 'KE')&$expand=Countries($select=Iso2,Name),Sdgs($select=Number)&$select=Pid,Title")]
    [InlineData("/odata/BestPractices?$expand=DrawsOn($select=Pid,Title)&$select=Pid,Title")]
    [InlineData("/odata/UseCases?$search=water meter&$expand=Countries($select=Iso2,Name)")]
    [InlineData("/odata/Sdgs(6)?$expand=Entries($select=Pid)")]
    [InlineData("/odata/Sdgs?$expand=Targets,Entries($select=Pid)")]
    [InlineData("/odata/Organizations?$expand=Entries($select=Pid)")]
    [InlineData("/odata/Countries('KE')?$expand=Entries($select=Pid;$count=true;$expand=Sdgs,Countries)")]
    [InlineData("/odata/BestPractices?$top=2&$expand=DrawsOn($expand=Countries,Sdgs)")]
    public async Task The_documented_expansions_still_work(string path)
    {
        await _api.GetAsync(path);
    }

    [Fact]
    public async Task A_filter_with_too_many_nodes_is_refused()
    {
        var filter = string.Join(" or ", Enumerable.Range(1, 60).Select(i => $"StartYear eq {i}"));
        await AssertRefusedAsync($"/odata/UseCases?$filter={filter}", "node count limit of '100'");
    }

    [Fact]
    public async Task Any_nested_deeper_than_allowed_is_refused()
    {
        await AssertRefusedAsync("/odata/UseCases?$filter=Sdgs/any(s: s/Entries/any(e: e/Countries/any(c: c/Iso2 eq 'KE')))", "Any/All nesting limit of '2'");
    }

    [Fact]
    public async Task Ordering_by_too_many_expressions_is_refused()
    {
        await AssertRefusedAsync("/odata/UseCases?$orderby=Title,Pid,Slug,Summary,Language,Licence", "orderby");
    }

    [Fact]
    public async Task A_query_string_over_the_limit_is_refused_before_parsing()
    {
        await AssertRefusedAsync($"/odata/UseCases?$filter=Title eq '{new string('x', 5000)}'", "Api:MaxQueryStringLength");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused()
    {
        var draft = new JsonObject { ["Title"] = "Big", ["Body"] = new string('x', 300 * 1024) };
        await AssertRefusedAsync("/odata/UseCases", "Api:MaxRequestBodyBytes", HttpMethod.Post, draft.ToJsonString(), Caller.Curator);
    }
}
