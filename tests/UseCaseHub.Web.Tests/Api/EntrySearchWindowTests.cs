using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Testing;
using UseCaseHub.Web.Api;

namespace UseCaseHub.Web.Tests.Api;

/// <summary>
/// <c>$search</c> against an engine that, as Elasticsearch does, ranks no deeper than <see cref="SearchRequest.MaxResultWindow"/>:
/// more matches than the window (which the fixture's content cannot have) faked by the engine's answers.
/// </summary>
public sealed class EntrySearchWindowTests
{
    private const long Matches = 50_000;

    /// <summary>Counts <see cref="Matches"/>, names no ids, and names at most the window's ids, as Elasticsearch does.</summary>
    private sealed class WindowedEngine : ForwardingSearchEngine, ISearchEngine
    {
        public Task<MatchPage> MatchingPageAsync(MatchRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new MatchPage(Matches, []));

        public override Task<IReadOnlyList<Guid>> MatchingIdsAsync(string query, SearchAudience audience, int max, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Guid>>(Enumerable.Range(0, Math.Min(max, SearchRequest.MaxResultWindow)).Select(_ => Guid.NewGuid()).ToList());
    }

    private static async Task<(ActionResult<IQueryable<UseCase>> Result, HttpContext Context)> ApplyAsync(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("hub.example");
        context.Request.Path = "/odata/UseCases";
        context.Request.QueryString = new QueryString(query);
        var search = new EntrySearch(new WindowedEngine(), Options.Create(new ApiOptions()));
        return (await search.ApplyAsync(Array.Empty<UseCase>().AsQueryable(), context.Request, SearchTypes.UseCase, CancellationToken.None), context);
    }

    [Fact]
    public async Task Next_links_stop_at_the_window()
    {
        var (_, first) = await ApplyAsync("?$search=water");
        var (_, last) = await ApplyAsync("?$search=water&$skip=9900");
        var (_, edge) = await ApplyAsync("?$search=water&$skip=9950");

        Assert.Equal("https://hub.example/odata/UseCases?$search=water&$skip=100", Uri.UnescapeDataString(first.ODataFeature().NextLink!.ToString()));
        Assert.Null(last.ODataFeature().NextLink);
        Assert.Null(edge.ODataFeature().NextLink);
        Assert.Equal(Matches, edge.ODataFeature().TotalCountFunc!());
    }

    [Theory]
    [InlineData("?$search=water&$skip=10000")]
    [InlineData("?$search=water&$skip=2147483647")]
    [InlineData("?$search=water&$skip=2147483600&$top=2147483647")]
    public async Task A_skip_past_the_window_is_refused_with_a_problem(string query)
    {
        var (result, context) = await ApplyAsync(query);

        var problem = Assert.IsType<ObjectResult>(result.Result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Null(context.ODataFeature().NextLink);
    }

    /// <summary>With the default cap (10,000) an engine capped at the window could never name one more id than the cap.</summary>
    [Fact]
    public async Task A_search_broader_than_the_window_is_refused_with_filter_not_cut()
    {
        var (result, _) = await ApplyAsync("?$search=water&$filter=true");

        var problem = Assert.IsType<ObjectResult>(result.Result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal("SearchTooBroad", Assert.IsType<Microsoft.OData.ODataError>(problem.Value).Code);
    }
}
