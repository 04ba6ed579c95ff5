using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Tests.Api;

/// <summary>HTTP calls to /odata as a given caller, and expectations read straight from the store.</summary>
public sealed class ApiTestKit(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string path, Caller? caller = null, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        (caller ?? Caller.Anonymous).Apply(request);
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null, response);
    }

    public async Task<JsonNode> GetAsync(string path, Caller? caller = null)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, path, caller);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {body?.ToJsonString()}");
        return body!;
    }

    public async Task<List<string>> PidsAsync(string path, Caller? caller = null) =>
        (await GetAsync(path, caller))["value"]!.AsArray().Select(v => (string)v!["Pid"]!).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// What the search engine itself finds for a query with no audience rule, once the outbox is drained:
    /// $search must return exactly these, narrowed by the caller's visibility and the other options.
    /// </summary>
    public async Task<HashSet<Guid>> EngineFindsAsync(string query)
    {
        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();
        var result = await factory.Services.GetRequiredService<ISearchEngine>().SearchAsync(
            new SearchRequest { Query = query, Audience = SearchAudience.Everyone, PageSize = 100, Highlight = false });
        Assert.True(result.Total <= 100, "the fixture content fits one page");
        return result.Hits.Select(h => h.Id).ToHashSet();
    }

    /// <summary>Every entry with its tags, loaded with no filter: the independent source of expected rows.</summary>
    public async Task<List<Entry>> StoreAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.Entries.AsNoTracking()
            .Include(e => e.Sdgs).Include(e => e.Verticals).Include(e => e.Countries).Include(e => e.Organization)
            .Include(e => ((BestPractice)e).DrawsOn)
            .AsSplitQuery().ToListAsync();
    }

    public async Task<Guid> OrganizationIdAsync(string name)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync();
    }

    /// <summary>The visibility rule written out independently of the code under test (retired entries stay public, marked).</summary>
    public static bool Sees(Caller caller, Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var isPublic = entry.Status is EntryStatus.Published or EntryStatus.Retired;
        return caller?.Roles switch
        {
            null => isPublic,
            var r when r.Contains("Curator", StringComparison.Ordinal) || r.Contains("Admin", StringComparison.Ordinal) => true,
            var r when r.Contains("Member", StringComparison.Ordinal) => isPublic || entry.OrganizationId == caller.Organization,
            _ => isPublic,
        };
    }

    public static List<string> Pids(IEnumerable<Entry> entries) => entries.Select(e => e.Pid).Order(StringComparer.Ordinal).ToList();
}
