using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Assessments;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Assessments;

/// <summary>
/// The Assess action and the Assessments and StandardisationGaps sets: curators assess under Core's rules, the decision
/// seals the round and records its scores, and nobody but curators reads an unsealed assessment.
/// </summary>
public sealed class AssessmentApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly Caller CuratorOne = Caller.Curator with { User = "curator-one" };
    private static readonly Caller CuratorTwo = Caller.Curator with { User = "curator-two" };

    private readonly ApiTestKit _api = new(factory);

    [Fact]
    public async Task Curators_assess_the_decision_seals_the_round_and_only_sealed_assessments_reach_owners_and_the_public()
    {
        var rubric = await Rubric.StoreShippedPageAsync(factory.Services);
        var own = await _api.OrganizationIdAsync("Fixture Utility");
        var other = await _api.OrganizationIdAsync("UseCaseHub editors");
        var id = await UnderAssessmentAsync(own, "Assessed through the API");

        var (first, firstBody, _) = await AssessAsync(id, CuratorOne, Scores(rubric, 1), "SelfReported");
        Assert.True(first == HttpStatusCode.OK, firstBody?.ToJsonString());
        Assert.Equal(rubric.Criteria.Count, firstBody!["Scores"]!.AsArray().Count);
        Assert.Equal("SelfReported", (string)firstBody["EvidenceLevel"]!);
        Assert.Null(firstBody["CuratorId"]);
        Assert.Equal(HttpStatusCode.OK, (await AssessAsync(id, CuratorTwo, Scores(rubric, 3), "IndependentlyVerified")).Status);
        // Curator one changes their own open assessment: still two, the first one updated.
        Assert.Equal(HttpStatusCode.OK, (await AssessAsync(id, CuratorOne, Scores(rubric, 2), "PubliclyDocumented")).Status);
        var stored = await AssessmentsAsync(id);
        Assert.Equal(2, stored.Count);
        Assert.Equal([2, 3], stored.OrderBy(a => a.CuratorId, StringComparer.Ordinal).Select(a => a.Scores[0].Score));

        // Open: curators only.
        Assert.Equal(2, await CountAsync(id, Caller.Curator));
        foreach (var caller in new[] { Caller.Anonymous, Caller.Member(own), Caller.Member(other) })
        {
            Assert.Equal(0, await CountAsync(id, caller));
            Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, $"/odata/Assessments({stored[0].Id})", caller)).Status);
        }

        // Return: sealed, the owner reads them, the public and other organisations still do not (the entry is not public).
        var (returned, returnBody, _) = await _api.SendAsync(HttpMethod.Post, $"/odata/UseCases({id})/UseCaseHub.Decide", CuratorOne,
            """{"Decision":"Return","Note":"Add the measured losses."}""");
        Assert.True(returned == HttpStatusCode.OK, returnBody?.ToJsonString());
        Assert.All(await AssessmentsAsync(id), a => Assert.Equal(("Return", true), (a.Decision, a.SealedAt is not null)));
        Assert.Equal(2, await CountAsync(id, Caller.Member(own)));
        Assert.Equal(0, await CountAsync(id, Caller.Anonymous));
        Assert.Equal(0, await CountAsync(id, Caller.Member(other)));
        var audit = await DecisionRecordAsync(id, AuditActions.For(Core.Workflow.EntryOperation.Return));
        var details = JsonNode.Parse(audit.Details!)!;
        Assert.Equal(2, details["assessments"]!.AsArray().Count);
        Assert.Equal(3, (int)details["assessments"]!.AsArray().Single(a => (int)a!["scores"]!["interoperability"]! == 3)!["scores"]!["maturity"]!);

        // A sealed assessment is never edited: the next round starts a new one.
        await MoveAsync(id, "Submit", Caller.Member(own));
        await MoveAsync(id, "Claim", CuratorOne);
        Assert.Equal(HttpStatusCode.OK, (await AssessAsync(id, CuratorOne, Scores(rubric, 3), "IndependentlyVerified")).Status);
        Assert.Equal(3, (await AssessmentsAsync(id)).Count);
        Assert.Equal(2, await CountAsync(id, Caller.Member(own)));

        var (published, publishBody, _) = await _api.SendAsync(HttpMethod.Post, $"/odata/UseCases({id})/UseCaseHub.Decide", CuratorTwo, """{"Decision":"Publish"}""");
        Assert.True(published == HttpStatusCode.OK, publishBody?.ToJsonString());
        Assert.Equal(3, await CountAsync(id, Caller.Anonymous));
        Assert.Equal(3, await CountAsync(id, Caller.Member(other)));
    }

    [Fact]
    public async Task Assess_answers_who_when_and_what_with_the_rules_codes_and_changes_nothing_when_refused()
    {
        var rubric = await Rubric.StoreShippedPageAsync(factory.Services);
        var own = await _api.OrganizationIdAsync("Fixture Utility");
        var id = await UnderAssessmentAsync(own, "Refused assessments");

        Assert.Equal(HttpStatusCode.Unauthorized, (await AssessAsync(id, Caller.Anonymous, Scores(rubric, 2), "SelfReported")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await AssessAsync(id, Caller.Member(own), Scores(rubric, 2), "SelfReported")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await AssessAsync(id, CuratorOne with { Scopes = "usecases.read usecases.write" }, Scores(rubric, 2), "SelfReported")).Status);

        var (outOfRange, body, _) = await AssessAsync(id, CuratorOne, Scores(rubric, 2, ("interoperability", 4)), "SelfReported");
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange);
        Assert.Equal(("Scores[interoperability]", RuleCodes.OutOfRange), ((string)body!["error"]!["target"]!, (string)body["error"]!["details"]![0]!["code"]!));
        var (missing, missingBody, _) = await AssessAsync(id, CuratorOne, new JsonArray(), "SelfReported");
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal(rubric.Criteria.Count, missingBody!["error"]!["details"]!.AsArray().Count);
        var (evidence, evidenceBody, _) = await AssessAsync(id, CuratorOne, Scores(rubric, 2), "Rumour");
        Assert.Equal(HttpStatusCode.BadRequest, evidence);
        Assert.Equal("EvidenceLevel", (string)evidenceBody!["error"]!["target"]!);

        await SetStatusAsync(id, EntryStatus.Submitted);
        var (early, earlyBody, _) = await AssessAsync(id, CuratorOne, Scores(rubric, 2), "SelfReported");
        Assert.Equal(HttpStatusCode.Conflict, early);
        Assert.Equal("InvalidState", (string)earlyBody!["error"]!["code"]!);
        Assert.Empty(await AssessmentsAsync(id));
    }

    [Fact]
    public async Task Gaps_expand_their_standards_and_nothing_else()
    {
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, "/odata/StandardisationGaps?$expand=Standards", Caller.Curator)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.SendAsync(HttpMethod.Get, "/odata/StandardisationGaps?$expand=Standards($expand=Entries)", Caller.Curator)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.SendAsync(HttpMethod.Get, "/odata/Assessments?$expand=Entry", Caller.Curator)).Status);
    }

    private static JsonArray Scores(AssessmentRubric rubric, int score, params (string Key, int Score)[] overrides) =>
        [.. rubric.Criteria.Select(c => (JsonNode)new JsonObject
        {
            ["Criterion"] = c.Key,
            ["Score"] = overrides.FirstOrDefault(o => o.Key == c.Key).Key is null ? score : overrides.First(o => o.Key == c.Key).Score,
            ["Comment"] = $"Why {c.Title} scores so.",
        })];

    private Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> AssessAsync(Guid id, Caller caller, JsonArray scores, string evidence) =>
        _api.SendAsync(HttpMethod.Post, $"/odata/UseCases({id})/UseCaseHub.Assess", caller,
            new JsonObject { ["Scores"] = scores.DeepClone(), ["EvidenceLevel"] = evidence, ["Comment"] = "Overall." }.ToJsonString());

    private async Task<int> CountAsync(Guid entry, Caller caller) =>
        (await _api.GetAsync($"/odata/Assessments?$filter=EntryId eq {entry}", caller))["value"]!.AsArray().Count;

    private async Task MoveAsync(Guid id, string action, Caller caller)
    {
        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, $"/odata/UseCases({id})/UseCaseHub.{action}", caller);
        Assert.True(status == HttpStatusCode.OK, $"{action}: {(int)status} {body?.ToJsonString()}");
    }

    private async Task<Guid> UnderAssessmentAsync(Guid organization, string title)
    {
        var draft = new JsonObject
        {
            ["Title"] = title,
            ["Summary"] = "Written through the API to be assessed.",
            ["Stage"] = "Pilot",
            ["Sdgs"] = new JsonArray(new JsonObject { ["Number"] = 6 }),
            ["Verticals"] = new JsonArray(new JsonObject { ["Slug"] = "water" }),
        };
        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", Caller.Member(organization), draft.ToJsonString());
        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {body?.ToJsonString()}");
        var id = Guid.Parse((string)body!["Id"]!);
        await MoveAsync(id, "Submit", Caller.Member(organization));
        await MoveAsync(id, "Claim", CuratorOne);
        return id;
    }

    private async Task SetStatusAsync(Guid id, EntryStatus status)
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<HubDbContext>().Entries.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, status));
    }

    private async Task<List<Assessment>> AssessmentsAsync(Guid entry)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().Assessments.AsNoTracking().Where(a => a.EntryId == entry).ToListAsync();
    }

    private async Task<AuditEntry> DecisionRecordAsync(Guid entry, string action)
    {
        using var scope = factory.Services.CreateScope();
        var key = entry.ToString();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.SubjectId == key && a.Action == action).OrderByDescending(a => a.Id).FirstAsync();
    }
}
