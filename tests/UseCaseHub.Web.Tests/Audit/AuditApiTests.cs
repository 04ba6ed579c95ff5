using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Audit;

/// <summary>What the OData API's writes and workflow moves leave in the audit log, and that the log cannot be rewritten.</summary>
public class AuditApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiTestKit _api = new(factory);

    private async Task<(Caller Member, JsonNode Created)> CreateDraftAsync(string title)
    {
        var member = Caller.Member(await _api.OrganizationIdAsync("Fixture Utility"));
        var draft = new JsonObject
        {
            ["Title"] = title,
            ["Summary"] = "Written through the API.",
            ["Stage"] = "Pilot",
            ["Sdgs"] = new JsonArray(new JsonObject { ["Number"] = 6 }),
            ["Countries"] = new JsonArray(new JsonObject { ["Iso2"] = "KE" }),
            ["Verticals"] = new JsonArray(new JsonObject { ["Slug"] = "water" }),
        };
        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", member, draft.ToJsonString());
        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {body?.ToJsonString()}");
        return (member, body!);
    }

    private async Task<List<AuditEntry>> RowsAboutAsync(string subjectId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.SubjectId == subjectId).OrderBy(a => a.Id).ToListAsync();
    }

    [StoreFact]
    public async Task A_submit_leaves_exactly_one_row_with_actor_action_and_states_and_a_refused_move_leaves_none()
    {
        var (member, created) = await CreateDraftAsync("Audited submission");
        var id = (string)created["Id"]!;
        var path = $"/odata/UseCases({id})";

        var (submitted, body, _) = await _api.SendAsync(HttpMethod.Post, $"{path}/UseCaseHub.Submit", member);
        Assert.True(submitted == HttpStatusCode.OK, body?.ToJsonString());
        // A second submit is refused (409): it must leave no row.
        Assert.Equal(HttpStatusCode.Conflict, (await _api.SendAsync(HttpMethod.Post, $"{path}/UseCaseHub.Submit", member)).Status);

        var rows = await RowsAboutAsync(id);
        Assert.Equal([AuditActions.EntryCreate, "entry.submit"], rows.Select(r => r.Action));
        var submit = rows[1];
        Assert.Equal("test-user", submit.ActorId);
        Assert.Equal("Test user", submit.ActorName);
        Assert.Equal("Member", submit.ActorRole);
        Assert.Equal("entry", submit.SubjectType);
        Assert.Equal($"{created["Pid"]} Audited submission", submit.SubjectLabel);
        Assert.Equal("""{"from":"Draft","to":"Submitted"}""", submit.Details);
        Assert.True(DateTimeOffset.UtcNow - submit.At < TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.Zero, submit.At.Offset);
    }

    [StoreFact]
    public async Task A_move_the_workflow_refuses_leaves_no_row()
    {
        var (_, created) = await CreateDraftAsync("Not the curator's to submit");
        var id = (string)created["Id"]!;

        // The entry is an organisation's: a curator may not submit it (409), and nothing is recorded.
        var (status, _, _) = await _api.SendAsync(HttpMethod.Post, $"/odata/UseCases({id})/UseCaseHub.Submit", Caller.Curator);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.DoesNotContain(await RowsAboutAsync(id), r => r.Action == "entry.submit");
    }

    [StoreFact]
    public async Task Edits_retags_and_deletes_are_recorded_with_the_fields_sent()
    {
        var (member, created) = await CreateDraftAsync("Edited then deleted");
        var id = (string)created["Id"]!;
        var path = $"/odata/UseCases({id})";

        var (edited, body, _) = await _api.SendAsync(HttpMethod.Patch, path, member, """{"Summary":"Changed."}""", (string)created["@odata.etag"]!);
        Assert.True(edited == HttpStatusCode.OK, body?.ToJsonString());
        var (retagged, after, _) = await _api.SendAsync(HttpMethod.Patch, path, Caller.Curator,
            """{"Countries":[{"Iso2":"TZ"}]}""", (string)body!["@odata.etag"]!);
        Assert.True(retagged == HttpStatusCode.OK, after?.ToJsonString());
        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, path, member, null, (string)after!["@odata.etag"]!)).Status);

        var rows = await RowsAboutAsync(id);
        Assert.Equal([AuditActions.EntryCreate, AuditActions.EntryEdit, AuditActions.EntryRetag, AuditActions.EntryDelete], rows.Select(r => r.Action));
        Assert.Equal("""{"fields":["Summary"]}""", rows[1].Details);
        Assert.Equal("""{"fields":["Countries"]}""", rows[2].Details);
        Assert.Equal("Curator", rows[2].ActorRole);
    }

    [StoreFact]
    public async Task The_store_refuses_to_change_or_delete_an_audit_row()
    {
        long id;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var record = db.Audit(new AuditActor("someone", "someone@example.org", "Admin"), AuditActions.RoleGrant, "user", "u-1", "original");
            await db.SaveChangesAsync();
            id = record.Id;
        }

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var row = await db.AuditEntries.SingleAsync(a => a.Id == id);
            row.SubjectLabel = "rewritten";
            var changed = await Assert.ThrowsAsync<AuditLogException>(() => db.SaveChangesAsync());
            Assert.Contains("append-only", changed.Message, StringComparison.Ordinal);
            db.ChangeTracker.Clear();

            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(a => a.Id == id));
            Assert.Throws<AuditLogException>(() => db.SaveChanges());
        }

        using (var scope = factory.Services.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<HubDbContext>().AuditEntries.AsNoTracking().SingleAsync(a => a.Id == id);
            Assert.Equal("original", stored.SubjectLabel);
        }
    }

    [StoreFact]
    public async Task The_audit_filters_ignore_case_and_take_wildcards_literally_on_every_store()
    {
        var marker = "Mixed" + Guid.NewGuid().ToString("N")[..8];
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            db.Audit(new AuditActor("case-probe", $"Casey {marker} Probe", "Admin"), AuditActions.RoleGrant, "user", $"u-{marker}", $"Subject {marker} 100%");
            await db.SaveChangesAsync();
        }

        using (var scope = factory.Services.CreateScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<HubDbContext>().AuditEntries.AsNoTracking();
            var lower = marker.ToLowerInvariant();
            Assert.Single(await new AuditQuery(Actor: $"casey {lower}").Apply(audit).ToListAsync());
            Assert.Single(await new AuditQuery(Subject: marker.ToUpperInvariant()).Apply(audit).ToListAsync());
            Assert.Single(await new AuditQuery(Subject: $"{lower} 100%").Apply(audit).ToListAsync());
            Assert.Empty(await new AuditQuery(Subject: $"{lower} 1_0").Apply(audit).ToListAsync());
        }
    }
}
