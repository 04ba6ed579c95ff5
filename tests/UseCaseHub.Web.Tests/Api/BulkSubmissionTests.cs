using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Tests.Api;

/// <summary>Issue 11 item 7, bulk submission: a result per item, partial failures that write nothing of themselves.</summary>
public sealed class BulkSubmissionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Path = "/api/use-cases/bulk";
    private readonly ApiTestKit _api = new(factory);

    /// <summary>A client acting for the fixture's organisation with a bearer token of the given scopes.</summary>
    private async Task<Caller> ClientAsync(string scopes = "usecases.read usecases.write") =>
        Caller.Member(await _api.OrganizationIdAsync("Fixture Utility"), scopes);

    private static JsonObject Entry(string title) => new()
    {
        ["Title"] = title,
        ["Summary"] = "Sent in bulk.",
        ["Stage"] = "Pilot",
        ["Sdgs"] = new JsonArray(new JsonObject { ["Number"] = 6 }),
        ["Verticals"] = new JsonArray(new JsonObject { ["Slug"] = "water" }),
    };

    private static JsonObject Item(JsonObject entry, bool? submit = null)
    {
        var item = new JsonObject { ["entry"] = entry };
        if (submit is { } s)
        {
            item["submit"] = s;
        }

        return item;
    }

    private static string Body(params JsonNode[] items) => new JsonObject { ["items"] = new JsonArray(items) }.ToJsonString();

    [Fact]
    public async Task Good_items_are_created_and_audited_and_bad_ones_answer_400_with_their_fields_and_write_nothing()
    {
        var client = await ClientAsync();
        var before = await CountsAsync();
        var tooLong = Entry("Mixed too long");
        tooLong["Title"] = new string('x', 400);
        var unknownSdg = Entry("Mixed unknown goal");
        unknownSdg["Sdgs"] = new JsonArray(new JsonObject { ["Number"] = 99 });
        var badStage = Entry("Mixed bad stage");
        badStage["Stage"] = "Daydream";
        var readOnly = Entry("Mixed sets its own status");
        readOnly["Status"] = "Published";
        var incomplete = Entry("Mixed incomplete submit");
        incomplete.Remove("Verticals");

        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, Path, client, Body(
            Item(Entry("Mixed good draft")),
            Item(tooLong),
            Item(Entry("Mixed good submitted"), submit: true),
            Item(unknownSdg),
            Item(badStage),
            Item(readOnly),
            Item(incomplete, submit: true)));

        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body?.ToJsonString()}");
        var results = body!["results"]!.AsArray();
        Assert.Equal(7, results.Count);
        Assert.Equal(2, (int)body["created"]!);
        Assert.Equal(5, (int)body["failed"]!);
        Assert.Equal(Enumerable.Range(0, 7), results.Select(r => (int)r!["index"]!));
        Assert.Equal([201, 400, 201, 400, 400, 400, 400], results.Select(r => (int)r!["status"]!));
        Assert.Equal("Draft", (string)results[0]!["entryStatus"]!);
        Assert.Equal("Submitted", (string)results[2]!["entryStatus"]!);
        Assert.StartsWith("UC-", (string)results[0]!["pid"]!, StringComparison.Ordinal);
        Assert.Equal("Title", FirstField(results[1]!));
        Assert.Equal("Sdgs", FirstField(results[3]!));
        Assert.Equal("Stage", FirstField(results[4]!));
        Assert.Equal("Status", FirstField(results[5]!));
        Assert.Equal("Verticals", FirstField(results[6]!));

        var store = await _api.StoreAsync();
        var organization = await _api.OrganizationIdAsync("Fixture Utility");
        var good = store.Where(e => e.Title.StartsWith("Mixed good", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, good.Count);
        Assert.All(good, e => Assert.Equal(organization, e.OrganizationId));
        Assert.DoesNotContain(store, e => e.Title.StartsWith("Mixed", StringComparison.Ordinal) && !e.Title.StartsWith("Mixed good", StringComparison.Ordinal));
        Assert.DoesNotContain(store, e => e.Title.Length == 400);
        var after = await CountsAsync();
        Assert.Equal(before.Entries + 2, after.Entries);
        // Two creations and one submission: nothing of the five failed items reached the log.
        Assert.Equal(before.Audit + 3, after.Audit);
        var actions = await AuditActionsAsync(good.Select(e => e.Id.ToString()));
        Assert.Equal(["entry.create", "entry.create", "entry.submit"], actions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task More_items_than_the_cap_are_refused_whole()
    {
        var before = await CountsAsync();
        var items = Enumerable.Range(0, 101).Select(i => (JsonNode)Item(Entry($"Over cap {i}"))).ToArray();

        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, Path, await ClientAsync(), Body(items));

        Assert.True(status == HttpStatusCode.RequestEntityTooLarge, $"{(int)status} {body?.ToJsonString()}");
        Assert.Equal("TooManyItems", (string)body!["code"]!);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("usecases.read")]
    [InlineData(null)]
    public async Task A_read_only_token_or_an_anonymous_caller_is_refused(string? scopes)
    {
        var before = await CountsAsync();
        var caller = scopes is null ? Caller.Anonymous : await ClientAsync(scopes);

        var (status, _, _) = await _api.SendAsync(HttpMethod.Post, Path, caller, Body(Item(Entry("Refused bulk"))));

        Assert.Equal(scopes is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, status);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_malformed_item_fails_alone()
    {
        var yearAsText = Entry("Bulk year as text");
        yearAsText["StartYear"] = "twenty";

        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, Path, await ClientAsync(), Body(
            JsonValue.Create("not an object")!, Item(yearAsText), Item(Entry("Bulk after malformed"))));

        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body?.ToJsonString()}");
        Assert.Equal([400, 400, 201], body!["results"]!.AsArray().Select(r => (int)r!["status"]!));
        Assert.Equal("StartYear", FirstField(body["results"]![1]!));
    }

    private static string FirstField(JsonNode result) => (string)result["problem"]!["errors"]![0]!["field"]!;

    private async Task<(int Entries, int Audit)> CountsAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return (await db.Entries.CountAsync(), await db.AuditEntries.CountAsync());
    }

    private async Task<List<string>> AuditActionsAsync(IEnumerable<string> ids)
    {
        var wanted = ids.ToList();
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().AuditEntries
            .Where(a => wanted.Contains(a.SubjectId!)).Select(a => a.Action).ToListAsync();
    }
}
