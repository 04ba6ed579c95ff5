using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Security;

/// <summary>
/// A member's draft whose body nests past Markdig's depth limit (Markdig throws on it): the indexer must still
/// index it, and the entry page must still render, or one request would stall search indexing for everyone.
/// </summary>
public sealed class DeepMarkdownTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiTestKit _api = new(factory);

    [Fact]
    public async Task A_body_nested_too_deep_is_indexed_and_rendered_as_text()
    {
        var member = Caller.Member(await _api.OrganizationIdAsync("Fixture Utility"));
        var draft = new JsonObject { ["Title"] = "Deep nesting", ["Summary"] = "s", ["Body"] = new string('[', 10_000) + " zyxdeepword" };
        var (status, created, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", member, draft.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, status);

        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();
        var found = await _api.GetAsync("/api/search?q=zyxdeepword", member);
        Assert.Equal(1, (int)found["total"]!);

        // Published as a curator would (the site shows published entries only), then read by anyone.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var entry = await db.Entries.SingleAsync(e => e.Pid == (string)created!["Pid"]!);
            entry.Status = EntryStatus.Published;
            entry.PublishedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        }

        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();
        using var client = factory.CreateClient();
        using var page = await client.GetAsync(new Uri("/use-cases/" + (string)created!["Slug"]!, UriKind.Relative));
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{(int)page.StatusCode}");
        Assert.Contains("zyxdeepword", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
