using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Tests.Search;

/// <summary>The host on Elasticsearch at an address where nothing listens: a cluster that is down.</summary>
public sealed class ElasticsearchDownHubFactory : HubFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Search:Engine", "Elasticsearch"),
        // Port 9 (discard) on loopback: connection refused at once, no waiting on a timeout.
        new("Search:Elasticsearch:Url", "http://127.0.0.1:9"),
        new("Search:Elasticsearch:MaxRetries", "0"),
        new("Search:Elasticsearch:RequestTimeout", "00:00:02"),
        new("Search:PollSeconds", "3600"),
    ];
}

/// <summary>
/// When the search cluster is down the host still starts, search says it is unavailable (503: a problem on the API, a
/// friendly page on the site), other pages work, and the outbox keeps every pending change for a later pass.
/// </summary>
public sealed class SearchUnavailableTests(ElasticsearchDownHubFactory factory) : IClassFixture<ElasticsearchDownHubFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_api_answers_a_503_problem()
    {
        var response = await _client.GetAsync(new Uri("/api/search?q=water", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Elasticsearch", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_page_says_search_is_unavailable()
    {
        var response = await _client.GetAsync(new Uri("/search?q=water", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Search is unavailable for the moment", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_pages_keep_working()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri("/use-cases", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Pending_changes_stay_in_the_outbox_until_they_are_indexed()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        // The content imported at start queued its entries; nothing could index them.
        await db.SearchOutbox.ExecuteUpdateAsync(s => s.SetProperty(i => i.NextAttemptAt, DateTimeOffset.UtcNow.AddDays(-1)));
        var pending = await db.SearchOutbox.CountAsync();
        Assert.True(pending > 0);

        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();

        var rows = await db.SearchOutbox.AsNoTracking().ToListAsync();
        Assert.Equal(pending, rows.Count);
        Assert.All(rows, r => Assert.True(r.Attempts >= 1));
        Assert.Contains(rows, r => r.LastError?.Contains("unreachable", StringComparison.Ordinal) == true);
    }
}
