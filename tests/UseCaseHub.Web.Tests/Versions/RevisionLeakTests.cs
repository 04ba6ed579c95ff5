using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Versions;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Versions;

/// <summary>
/// "No unpublished version leaks" (issue 11, done-when): a published entry with a pending revision whose text holds a
/// secret word. Anonymous visitors and another organisation's member never see the word through search, OData or pages;
/// the owner and curators do (OData, version pages); once the revision is published everyone sees the new text and the
/// earlier version stays viewable, with the diff.
/// </summary>
public class RevisionLeakTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiTestKit _api = new(factory);

    /// <summary>
    /// The revision holds two made-up words: doors are asked for <see cref="Marker"/> (a search page rightly echoes its
    /// query), and a leak is <see cref="Secret"/> appearing in any answer, which no request ever names.
    /// </summary>
    private sealed record Arranged(Guid EntryId, string Pid, string Slug, Guid RevisionId, string Secret, string Marker, Caller Owner, Caller Other);

    /// <summary>A member's entry taken through the workflow to Published (version 1), then a revision holding the secret, submitted (version 2).</summary>
    private async Task<Arranged> ArrangeAsync(string name)
    {
        var own = await _api.OrganizationIdAsync("Fixture Utility");
        var other = await _api.OrganizationIdAsync("UseCaseHub editors");
        var owner = Caller.Member(own);
        var secret = "zq" + name.ToLowerInvariant() + "secretword";
        var marker = "zq" + name.ToLowerInvariant() + "markerword";
        var draft = new JsonObject
        {
            ["Title"] = $"Revision walk {name}",
            ["Summary"] = "The published text of a revision walk.",
            ["Body"] = "The body as published.",
            ["Stage"] = "Pilot",
            ["Sdgs"] = new JsonArray(new JsonObject { ["Number"] = 6 }),
            ["Verticals"] = new JsonArray(new JsonObject { ["Slug"] = "water" }),
        };
        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", owner, draft.ToJsonString());
        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {body?.ToJsonString()}");
        var id = Guid.Parse((string)body!["Id"]!);
        var pid = (string)body["Pid"]!;
        var slug = (string)body["Slug"]!;
        await MoveAsync(id, "Submit", owner);
        await MoveAsync(id, "Claim", Caller.Curator);
        await MoveAsync(id, "Decide", Caller.Curator, new { Decision = "Publish" });

        // The revision is started by the Core operation (the site's button posts to it; its own test is below).
        var revision = await ReviseAsync(id, owner);
        var etag = (string)(await _api.GetAsync($"/odata/UseCases({revision})", owner))["@odata.etag"]!;
        (status, body, _) = await _api.SendAsync(HttpMethod.Patch, $"/odata/UseCases({revision})", owner,
            new { Summary = $"A revised summary naming {secret} and {marker}.", Body = $"The body revised with {secret} inside, {marker} too." }, etag);
        Assert.True(status == HttpStatusCode.OK, $"PATCH revision: {(int)status} {body?.ToJsonString()}");
        await MoveAsync(revision, "Submit", owner);
        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();
        return new Arranged(id, pid, slug, revision, secret, marker, owner, Caller.Member(other));
    }

    private async Task<Guid> ReviseAsync(Guid id, Caller owner)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var actor = new Core.Access.Actor(Core.Access.ActorRole.Member, owner.Organization, "test-user");
        var revision = await Core.Workflow.EntryRevisions.StartAsync(db, id, actor, new Core.Audit.AuditActor("test-user", "Test user", "Member"), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return revision.Id;
    }

    private async Task MoveAsync(Guid id, string action, Caller caller, object? body = null)
    {
        var (status, answer, _) = await _api.SendAsync(HttpMethod.Post, $"/odata/UseCases({id})/UseCaseHub.{action}", caller, body ?? new { });
        Assert.True(status == HttpStatusCode.OK, $"{action}: {(int)status} {answer?.ToJsonString()}");
    }

    private async Task<(HttpStatusCode Status, string Text)> TextAsync(string path, Caller caller)
    {
        var (status, _, response) = await _api.SendAsync(HttpMethod.Get, path, caller);
        return (status, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every way a visitor reads the hub that could carry the revision's text.</summary>
    private static IEnumerable<string> Doors(Arranged a) =>
    [
        $"/search?q={a.Marker}", $"/api/search?q={a.Marker}", $"/api/suggest?q={a.Marker[..6]}", $"/api/search?q=revision+walk",
        $"/use-cases/{a.Slug}", $"/fr/use-cases/{a.Slug}", $"/id/{a.Pid}", $"/id/{a.EntryId}", $"/id/{a.RevisionId}",
        $"/use-cases/{a.Slug}/versions", $"/use-cases/{a.Slug}/versions/1", $"/use-cases/{a.Slug}/versions/2",
        $"/use-cases/{a.Slug}/versions/diff?from=1&to=2",
        "/odata/Entries?$select=Id,Pid,Summary,Body", "/odata/UseCases?$select=Id,Pid,Summary,Body&$top=1000",
        $"/odata/UseCases({a.RevisionId})", $"/odata/Entries({a.RevisionId})",
        $"/odata/UseCases?$filter=contains(Body,'{a.Marker}')", $"/odata/UseCases/$count?$filter=contains(Summary,'{a.Marker}')",
        $"/odata/UseCases?$count=true&$filter=Pid eq '{a.Pid}'&$select=Id,Summary",
        $"/odata/UseCases?$search={a.Marker}", "/odata/Sdgs(6)?$expand=Entries($select=Id,Summary,Body)",
        "/odata/Verticals('water')?$expand=Entries($select=Summary,Body)",
        $"/odata/UseCases?$apply=filter(contains(Body,'{a.Marker}'))/aggregate($count as N)",
        $"/odata/UseCases?$apply=groupby((Summary))",
        "/odata/EntryVersions", $"/odata/EntryVersions?$filter=contains(Snapshot,'{a.Marker}')", "/odata/EntryVersions/$count",
        $"/odata/EntryVersions?$filter=Pid eq '{a.Pid}'&$count=true", "/odata/EntryTags?$filter=Facet eq 'sdg'",
    ];

    [StoreFact]
    public async Task Anonymous_and_another_organisation_never_see_the_pending_revision()
    {
        var a = await ArrangeAsync("hidden");
        var failures = new List<string>();
        foreach (var caller in new[] { Caller.Anonymous, a.Other, new Caller("Guest") })
        {
            foreach (var door in Doors(a))
            {
                var (status, text) = await TextAsync(door, caller);
                if (text.Contains(a.Secret, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{caller.Roles ?? "anonymous"} {door}: {(int)status} shows the secret");
                }

                if ((int)status >= 500)
                {
                    failures.Add($"{caller.Roles ?? "anonymous"} {door}: {(int)status}");
                }
            }

            // The pending version and the diff against it are not found; the published one is.
            Assert.Equal(HttpStatusCode.OK, (await TextAsync($"/use-cases/{a.Slug}/versions/1", caller)).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await TextAsync($"/use-cases/{a.Slug}/versions/2", caller)).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await TextAsync($"/use-cases/{a.Slug}/versions/diff?from=1&to=2", caller)).Status);
            var versions = await _api.GetAsync($"/odata/EntryVersions?$filter=Pid eq '{a.Pid}'", caller);
            Assert.Equal([1], versions["value"]!.AsArray().Select(v => (int)v!["Number"]!));
        }

        Assert.Empty(failures);
    }

    [StoreFact]
    public async Task The_owner_and_curators_see_the_pending_revision()
    {
        var a = await ArrangeAsync("seen");
        foreach (var caller in new[] { a.Owner, Caller.Curator, Caller.Admin })
        {
            var revision = await _api.GetAsync($"/odata/UseCases({a.RevisionId})", caller);
            Assert.Contains(a.Secret, (string)revision["Body"]!, StringComparison.Ordinal);
            Assert.Equal(a.EntryId.ToString(), (string)revision["RevisionOfId"]!);
            var versions = await _api.GetAsync($"/odata/EntryVersions?$filter=Pid eq '{a.Pid}'&$orderby=Number", caller);
            Assert.Equal(["Published", "Pending"], versions["value"]!.AsArray().Select(v => (string)v!["Outcome"]!));
            var (status, text) = await TextAsync($"/use-cases/{a.Slug}/versions/2", caller);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains(a.Secret, text, StringComparison.Ordinal);
            (status, text) = await TextAsync($"/use-cases/{a.Slug}/versions/diff?from=1&to=2", caller);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains($"<ins>", text, StringComparison.Ordinal);
            Assert.Contains(a.Secret, text, StringComparison.Ordinal);

            // The published entry itself is unchanged while the revision is assessed.
            var published = await _api.GetAsync($"/odata/UseCases({a.EntryId})", caller);
            Assert.Equal("The body as published.", (string)published["Body"]!);
        }
    }

    [StoreFact]
    public async Task Once_published_everyone_sees_the_new_text_and_the_old_version_stays()
    {
        var a = await ArrangeAsync("public");
        await MoveAsync(a.RevisionId, "Claim", Caller.Curator);
        await MoveAsync(a.RevisionId, "Decide", Caller.Curator, new { Decision = "Publish" });
        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();

        foreach (var caller in new[] { Caller.Anonymous, a.Other })
        {
            var (status, text) = await TextAsync($"/use-cases/{a.Slug}", caller);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains(a.Secret, text, StringComparison.Ordinal);
            var search = await _api.GetAsync($"/api/search?q={a.Marker}", caller);
            Assert.Equal([a.EntryId.ToString()], search["hits"]!.AsArray().Select(h => (string)h!["id"]!));
            var (resolved, _, response) = await _api.SendAsync(HttpMethod.Get, $"/id/{a.Pid}", caller);
            Assert.Equal(HttpStatusCode.Redirect, resolved);
            Assert.EndsWith($"/use-cases/{a.Slug}", response.Headers.Location!.OriginalString, StringComparison.Ordinal);

            (status, text) = await TextAsync($"/use-cases/{a.Slug}/versions/1", caller);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("The body as published.", text, StringComparison.Ordinal);
            Assert.DoesNotContain(a.Secret, text, StringComparison.Ordinal);
            (status, text) = await TextAsync($"/use-cases/{a.Slug}/versions/diff?from=1&to=2", caller);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Matches($"<ins>[^<]*{a.Secret}[^<]*</ins>", text);
            Assert.Matches("<del>[^<]*published[^<]*</del>", text);
            (status, text) = await TextAsync($"/use-cases/{a.Slug}/versions", caller);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("versions/diff?from=1&amp;to=2", text, StringComparison.Ordinal);
        }

        // Same id, PID and slug; one row; version up; the revision row is gone.
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var rows = await db.Entries.AsNoTracking().Where(e => e.Pid == a.Pid).ToListAsync();
        var entry = Assert.Single(rows);
        Assert.Equal(a.EntryId, entry.Id);
        Assert.Equal(a.Slug, entry.Slug);
        Assert.Equal(EntryStatus.Published, entry.Status);
        Assert.Contains(a.Secret, entry.Body, StringComparison.Ordinal);
        var versions = await db.EntryVersions.AsNoTracking().Where(v => v.Pid == a.Pid).OrderBy(v => v.Number).ToListAsync();
        Assert.Equal([VersionOutcome.Published, VersionOutcome.Published], versions.Select(v => v.Outcome));
        Assert.All(versions, v => Assert.Equal(a.EntryId, v.EntryId));
        Assert.Contains(await db.AuditEntries.AsNoTracking().Where(r => r.SubjectId == a.EntryId.ToString()).Select(r => r.Action).ToListAsync(),
            action => action == Core.Audit.AuditActions.EntryRevisionApply);
    }

    [StoreFact]
    public async Task A_returned_revision_leaves_the_published_entry_untouched()
    {
        var a = await ArrangeAsync("returned");
        await MoveAsync(a.RevisionId, "Claim", Caller.Curator);
        await MoveAsync(a.RevisionId, "Decide", Caller.Curator, new { Decision = "Return", Note = "Say more." });

        var (_, text) = await TextAsync($"/use-cases/{a.Slug}", Caller.Anonymous);
        Assert.DoesNotContain(a.Secret, text, StringComparison.Ordinal);
        var versions = await _api.GetAsync($"/odata/EntryVersions?$filter=Pid eq '{a.Pid}'&$orderby=Number", a.Owner);
        Assert.Equal(["Published", "Returned"], versions["value"]!.AsArray().Select(v => (string)v!["Outcome"]!));
    }

    [StoreFact]
    public async Task The_site_revise_button_is_for_the_owner_and_starts_one_revision()
    {
        var a = await ArrangeAsync("button");
        // While a revision is open the owner is offered to continue it, never a second one.
        var (_, page) = await TextAsync($"/use-cases/{a.Slug}", a.Owner);
        Assert.Contains($"/submit/{a.RevisionId}", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/revise/{a.EntryId}", page, StringComparison.Ordinal);
        (_, page) = await TextAsync($"/use-cases/{a.Slug}", a.Other);
        Assert.DoesNotContain("/submit/", page, StringComparison.Ordinal);

        // Withdraw it: the button comes back, and posting it (with the form's antiforgery token) opens the form on a new revision.
        await MoveAsync(a.RevisionId, "Withdraw", a.Owner);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        using var get = new HttpRequestMessage(HttpMethod.Get, $"/use-cases/{a.Slug}");
        a.Owner.Apply(get);
        var html = await (await client.SendAsync(get)).Content.ReadAsStringAsync();
        Assert.Contains($"/revise/{a.EntryId}", html, StringComparison.Ordinal);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        foreach (var (caller, expected) in new[] { (a.Other, HttpStatusCode.Conflict), (a.Owner, HttpStatusCode.Redirect) })
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, $"/revise/{a.EntryId}")
            {
                Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
            };
            caller.Apply(post);
            var response = await client.SendAsync(post);
            Assert.Equal(expected, response.StatusCode);
            if (expected == HttpStatusCode.Redirect)
            {
                using var scope = factory.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
                var open = await db.Entries.AsNoTracking().SingleAsync(e => e.RevisionOfId == a.EntryId && e.Status == EntryStatus.Draft);
                Assert.Equal($"/submit/{open.Id}", response.Headers.Location!.OriginalString);
            }
        }
    }
}
