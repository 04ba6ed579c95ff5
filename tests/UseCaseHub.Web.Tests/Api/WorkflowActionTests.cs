using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;
using UseCaseHub.Testing;
using UseCaseHub.Web.Api;

namespace UseCaseHub.Web.Tests.Api;

/// <summary>
/// The workflow's bound actions (Submit, Claim, Decide, Withdraw, Retire) through HTTP: every operation × caller × state.
/// The expected move comes from Core's <see cref="EntryWorkflow"/> applied to a copy of the entry, so the API cannot drift
/// from the rule table; the door's own answers (401, 403, 404) are written out here, independently of the controller.
/// </summary>
public class WorkflowActionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiTestKit _api = new(factory);

    /// <summary>The callers of the table, by name (xunit shows names, and the theory data stays serialisable).</summary>
    private static readonly string[] CallerNames = ["own member", "other member", "curator", "admin", "anonymous", "own member without write scope"];

    /// <summary>Moves the controller puts behind the Curator policy: a member, whatever the entry, gets 403 before the workflow is asked.</summary>
    private static readonly HashSet<EntryOperation> CuratorOperations =
        [EntryOperation.Claim, EntryOperation.Publish, EntryOperation.Return, EntryOperation.Reject, EntryOperation.Retire];

    public static TheoryData<EntryOperation, EntryStatus> Cases()
    {
        var data = new TheoryData<EntryOperation, EntryStatus>();
        foreach (var operation in Enum.GetValues<EntryOperation>())
        {
            foreach (var status in Enum.GetValues<EntryStatus>())
            {
                data.Add(operation, status);
            }
        }

        return data;
    }

    [StoreTheory]
    [MemberData(nameof(Cases))]
    public async Task Every_operation_by_every_caller_answers_as_the_workflow_rules(EntryOperation operation, EntryStatus from)
    {
        var own = await _api.OrganizationIdAsync("Fixture Utility");
        var other = await _api.OrganizationIdAsync("UseCaseHub editors");
        var id = await CreateCompleteDraftAsync(own, $"{operation} from {from}");
        var failures = new List<string>();

        foreach (var name in CallerNames)
        {
            var (caller, actor) = Resolve(name, own, other);
            var entry = await SetStatusAsync(id, from);
            var (expectedStatus, expectedState) = Expect(operation, entry, caller, actor, name);

            var (status, body, _) = await _api.SendAsync(HttpMethod.Post, $"/odata/UseCases({id})/UseCaseHub.{Action(operation)}", caller, Body(operation));

            var stored = await StatusAsync(id);
            if (status != expectedStatus || stored != expectedState
                || (status == HttpStatusCode.OK && (string?)body?["Status"] != expectedState.ToString()))
            {
                failures.Add($"{name}: expected {(int)expectedStatus} → {expectedState}, got {(int)status} → {stored} {body?.ToJsonString()}");
            }
        }

        Assert.True(failures.Count == 0, $"{operation} from {from}:\n{string.Join('\n', failures)}");
    }

    private static (Caller Caller, Actor Actor) Resolve(string name, Guid own, Guid other) => name switch
    {
        "own member" => (Caller.Member(own), Actor.MemberOf(own)),
        "other member" => (Caller.Member(other), Actor.MemberOf(other)),
        "curator" => (Caller.Curator, Actor.Curator),
        "admin" => (Caller.Admin, Actor.Admin),
        "anonymous" => (Caller.Anonymous, Actor.Anonymous),
        _ => (Caller.Member(own, Web.Identity.HubScopes.Read), Actor.MemberOf(own)),
    };

    /// <summary>The answer a caller must get: the door's checks first, then whatever Core's workflow does with the move.</summary>
    private static (HttpStatusCode Status, EntryStatus State) Expect(EntryOperation operation, Entry entry, Caller caller, Actor actor, string name)
    {
        var unchanged = entry.Status;
        if (caller.Roles is null)
        {
            return (HttpStatusCode.Unauthorized, unchanged);
        }

        if (name.EndsWith("without write scope", StringComparison.Ordinal) || (actor.IsMember && CuratorOperations.Contains(operation)))
        {
            return (HttpStatusCode.Forbidden, unchanged);
        }

        if (!ApiTestKit.Sees(caller, entry))
        {
            return (HttpStatusCode.NotFound, unchanged);
        }

        try
        {
            EntryWorkflow.Apply(entry, actor, operation, DateTimeOffset.UtcNow, "A note");
            return (HttpStatusCode.OK, entry.Status);
        }
        catch (EntryStateException)
        {
            return (HttpStatusCode.Conflict, unchanged);
        }
    }

    [StoreFact]
    public void The_table_meets_every_answer_so_it_tests_something()
    {
        // Were every case a 409 (or every caller refused), the table would pass against an API that never moves anything.
        // Submit is left out: on this bare copy the completeness rule would answer for it.
        var (own, other) = (Guid.NewGuid(), Guid.NewGuid());
        var answers = new List<(HttpStatusCode Status, EntryStatus State)>();
        foreach (var (operation, from) in Cases().Select(c => ((EntryOperation)c[0], (EntryStatus)c[1])).Where(c => c.Item1 != EntryOperation.Submit))
        {
            foreach (var name in CallerNames)
            {
                var (caller, actor) = Resolve(name, own, other);
                answers.Add(Expect(operation, new UseCase { Status = from, OrganizationId = own }, caller, actor, name));
            }
        }

        Assert.Superset(new HashSet<HttpStatusCode> { HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound },
            answers.Select(a => a.Status).ToHashSet());
        Assert.Superset(new HashSet<EntryStatus> { EntryStatus.UnderAssessment, EntryStatus.Published, EntryStatus.ReturnedForRevision, EntryStatus.Rejected, EntryStatus.Withdrawn, EntryStatus.Retired },
            answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.State).ToHashSet());
    }

    [StoreFact]
    public async Task A_curator_claims_and_publishes_and_the_entry_appears_in_search()
    {
        var own = await _api.OrganizationIdAsync("Fixture Utility");
        var id = await CreateCompleteDraftAsync(own, "Quokkametering across atolls");
        var path = $"/odata/UseCases({id})";
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Post, $"{path}/UseCaseHub.Submit", Caller.Member(own))).Status);
        var claimed = await _api.GetAsync(path, Caller.Curator);

        var (claim, underAssessment, _) = await _api.SendAsync(HttpMethod.Post, $"{path}/UseCaseHub.Claim", Caller.Curator, null, (string)claimed["@odata.etag"]!);
        Assert.True(claim == HttpStatusCode.OK, underAssessment?.ToJsonString());
        Assert.Equal("UnderAssessment", (string)underAssessment!["Status"]!);
        Assert.DoesNotContain(id, await SearchAsync("quokkametering"));

        // A stale If-Match refuses the decision and changes nothing; the current one lets it through.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await _api.SendAsync(HttpMethod.Post, $"{path}/UseCaseHub.Decide", Caller.Curator,
            """{"Decision":"Publish"}""", (string)claimed["@odata.etag"]!)).Status);
        var (decide, published, _) = await _api.SendAsync(HttpMethod.Post, $"{path}/UseCaseHub.Decide", Caller.Curator,
            """{"Decision":"Publish"}""", (string)underAssessment["@odata.etag"]!);

        Assert.True(decide == HttpStatusCode.OK, published?.ToJsonString());
        Assert.Equal("Published", (string)published!["Status"]!);
        Assert.Contains(id, await SearchAsync("quokkametering"));
    }

    [StoreTheory]
    [InlineData("Return")]
    [InlineData("Reject")]
    public async Task Returning_or_rejecting_without_a_note_is_a_400_naming_Note(string decision)
    {
        var id = await CreateCompleteDraftAsync(await _api.OrganizationIdAsync("Fixture Utility"), $"{decision} without a reason");
        await SetStatusAsync(id, EntryStatus.UnderAssessment);

        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, $"/odata/UseCases({id})/UseCaseHub.Decide", Caller.Curator,
            new JsonObject { ["Decision"] = decision, ["Note"] = " " }.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Note", (string)body!["error"]!["target"]!);
        Assert.Equal(RuleCodes.Required, (string)body["error"]!["details"]![0]!["code"]!);
        Assert.Equal(EntryStatus.UnderAssessment, await StatusAsync(id));
    }

    [StoreTheory]
    [InlineData("""{"Decision":"Approve"}""")]
    [InlineData("""{"Decision":"0"}""")]
    [InlineData("""{"Note":"No decision"}""")]
    public async Task An_unknown_or_missing_decision_is_a_400_naming_Decision(string body)
    {
        var id = await CreateCompleteDraftAsync(await _api.OrganizationIdAsync("Fixture Utility"), "Undecided");
        await SetStatusAsync(id, EntryStatus.UnderAssessment);

        var (status, error, _) = await _api.SendAsync(HttpMethod.Post, $"/odata/UseCases({id})/UseCaseHub.Decide", Caller.Curator, body);

        Assert.True(status == HttpStatusCode.BadRequest, error?.ToJsonString());
        Assert.Equal("Decision", (string)error!["error"]!["target"]!);
        Assert.Equal(EntryStatus.UnderAssessment, await StatusAsync(id));
    }

    [StoreFact]
    public async Task A_member_token_with_the_write_scope_cannot_curate_even_its_own_entry()
    {
        var own = await _api.OrganizationIdAsync("Fixture Utility");
        var id = await CreateCompleteDraftAsync(own, "Self-published by a client");
        await SetStatusAsync(id, EntryStatus.UnderAssessment);
        var client = Caller.Member(own, ApiPolicies.WriteScope);

        var (status, _, _) = await _api.SendAsync(HttpMethod.Post, $"/odata/UseCases({id})/UseCaseHub.Decide", client, """{"Decision":"Publish"}""");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(EntryStatus.UnderAssessment, await StatusAsync(id));
    }

    [StoreFact]
    public async Task A_curators_token_decides_only_with_the_curate_scope()
    {
        var own = await _api.OrganizationIdAsync("Fixture Utility");
        var id = await CreateCompleteDraftAsync(own, "Decided only with the curate scope");
        await SetStatusAsync(id, EntryStatus.UnderAssessment);
        var decide = $"/odata/UseCases({id})/UseCaseHub.Decide";

        var (refused, _, _) = await _api.SendAsync(HttpMethod.Post, decide, new Caller(HubRoles.Curator, Scopes: "usecases.read usecases.write"), """{"Decision":"Publish"}""");
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal(EntryStatus.UnderAssessment, await StatusAsync(id));

        var (allowed, body, _) = await _api.SendAsync(HttpMethod.Post, decide, new Caller(HubRoles.Curator, Scopes: "usecases.write usecases.curate"), """{"Decision":"Publish"}""");
        Assert.True(allowed == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(EntryStatus.Published, await StatusAsync(id));
    }

    [StoreFact]
    public async Task A_best_practice_is_retired_with_a_note_and_stays_visible()
    {
        var practice = (await _api.StoreAsync()).OfType<BestPractice>().First(e => e.Status == EntryStatus.Published);
        var path = $"/odata/BestPractices({practice.Id})";

        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, $"{path}/UseCaseHub.Retire", Caller.Admin, """{"Note":"No longer deployed"}""");

        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal("Retired", (string)(await _api.GetAsync(path))["Status"]!);
    }

    [StoreFact]
    public async Task Retire_and_claim_need_no_body()
    {
        var id = await CreateCompleteDraftAsync(await _api.OrganizationIdAsync("Fixture Utility"), "Retired without a word");
        await SetStatusAsync(id, EntryStatus.Published);

        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, $"/odata/UseCases({id})/UseCaseHub.Retire", Caller.Curator);

        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(EntryStatus.Retired, await StatusAsync(id));
    }

    private static string Action(EntryOperation operation) =>
        operation is EntryOperation.Publish or EntryOperation.Return or EntryOperation.Reject ? "Decide" : operation.ToString();

    private static string? Body(EntryOperation operation) => operation switch
    {
        EntryOperation.Publish or EntryOperation.Return or EntryOperation.Reject =>
            new JsonObject { ["Decision"] = operation.ToString(), ["Note"] = "A note" }.ToJsonString(),
        EntryOperation.Retire => """{"Note":"A note"}""",
        _ => null,
    };

    /// <summary>A draft complete enough to submit, owned by <paramref name="organization"/>.</summary>
    private async Task<Guid> CreateCompleteDraftAsync(Guid organization, string title)
    {
        var draft = new JsonObject
        {
            ["Title"] = title,
            ["Summary"] = "Written through the API to walk the workflow.",
            ["Stage"] = "Pilot",
            ["Sdgs"] = new JsonArray(new JsonObject { ["Number"] = 6 }),
            ["Verticals"] = new JsonArray(new JsonObject { ["Slug"] = "water" }),
        };
        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", Caller.Member(organization), draft.ToJsonString());
        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {body?.ToJsonString()}");
        return Guid.Parse((string)body!["Id"]!);
    }

    /// <summary>Puts the entry in <paramref name="status"/> straight in the store (setup, not the door under test) and returns it with its tags.</summary>
    private async Task<Entry> SetStatusAsync(Guid id, EntryStatus status)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await db.Entries.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, status));
        return await db.Entries.AsNoTracking().Include(e => e.Sdgs).Include(e => e.Verticals).Include(e => e.Countries).SingleAsync(e => e.Id == id);
    }

    private async Task<EntryStatus> StatusAsync(Guid id)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.Entries.AsNoTracking().Where(e => e.Id == id).Select(e => e.Status).SingleAsync();
    }

    /// <summary>What anonymous /api/search returns for <paramref name="query"/>, once the indexer has caught up.</summary>
    private async Task<List<Guid>> SearchAsync(string query)
    {
        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();
        var results = await _api.GetAsync($"/api/search?q={query}&pageSize=100");
        return results["hits"]!.AsArray().Select(h => Guid.Parse((string)h!["id"]!)).ToList();
    }
}
