using System.Net;
using System.Text.Json.Nodes;
using UseCaseHub.Testing;
using UseCaseHub.Web.Api;

namespace UseCaseHub.Web.Tests.Api;

/// <summary>Creating, editing, deleting, submitting and withdrawing drafts, with every authorisation failure.</summary>
public class WriteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiTestKit _api = new(factory);

    private async Task<Caller> OwnMemberAsync(string? scopes = null) => Caller.Member(await _api.OrganizationIdAsync("Fixture Utility"), scopes);

    private async Task<Caller> OtherMemberAsync() => Caller.Member(await _api.OrganizationIdAsync("UseCaseHub editors"));

    private static JsonObject Draft(string title) => new()
    {
        ["Title"] = title,
        ["Summary"] = "Written through the API.",
        ["Stage"] = "Pilot",
        ["Sdgs"] = new JsonArray(new JsonObject { ["Number"] = 6 }, new JsonObject { ["Number"] = 11 }),
        ["Countries"] = new JsonArray(new JsonObject { ["Iso2"] = "KE" }),
        ["Verticals"] = new JsonArray(new JsonObject { ["Slug"] = "water" }),
    };

    private async Task<JsonNode> CreateAsync(Caller caller, string title)
    {
        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", caller, Draft(title).ToJsonString());
        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {body?.ToJsonString()}");
        return body!;
    }

    [StoreFact]
    public async Task A_member_creates_a_draft_owned_by_its_organisation_with_its_tags()
    {
        var member = await OwnMemberAsync();

        var created = await CreateAsync(member, "Leak detection in Nairobi");

        Assert.Equal("Draft", (string)created["Status"]!);
        Assert.Equal(member.Organization, Guid.Parse((string)created["OrganizationId"]!));
        Assert.Equal("leak-detection-in-nairobi", (string)created["Slug"]!);
        Assert.Matches(@"^UC-\d{4}-\d{5}$", (string)created["Pid"]!);
        var stored = (await _api.StoreAsync()).Single(e => e.Id == Guid.Parse((string)created["Id"]!));
        Assert.Equal([6, 11], stored.Sdgs.Select(s => s.Number).Order());
        Assert.Equal(["KE"], stored.Countries.Select(c => c.Iso2));
        Assert.Equal(["water"], stored.Verticals.Select(v => v.Slug));
        // Only the owner's organisation (and curators) see it; the public does not.
        Assert.DoesNotContain((string)created["Pid"]!, await _api.PidsAsync("/odata/UseCases?$select=Pid"));
        Assert.Contains((string)created["Pid"]!, await _api.PidsAsync("/odata/UseCases?$select=Pid", member));
    }

    [StoreFact]
    public async Task Simultaneous_creations_get_distinct_identifiers()
    {
        var member = await OwnMemberAsync();

        var results = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            _api.SendAsync(HttpMethod.Post, "/odata/UseCases", member, Draft($"Simultaneous {i}").ToJsonString())));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        Assert.Equal(4, results.Select(r => (string)r.Body!["Pid"]!).Distinct().Count());
    }

    /// <summary>
    /// Issue 10 item 10: "last + 1" told a member how many entries (other organisations' drafts included) exist.
    /// Identifiers are drawn at random, so two in a row are not neighbours (odds of a false failure: 4 in 100,000).
    /// </summary>
    [StoreFact]
    public async Task New_identifiers_reveal_nothing_about_entries_the_caller_cannot_see()
    {
        var member = await OwnMemberAsync();
        var first = await CreateAsync(member, "Identifier probe one");
        var second = await CreateAsync(member, "Identifier probe two");

        static int Number(JsonNode entry) => int.Parse(((string)entry["Pid"]!)[^5..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches(@"\AUC-[0-9]{4}-[0-9]{5}\z", (string)first["Pid"]!);
        Assert.NotInRange(Number(second) - Number(first), -2, 2);
    }

    [StoreFact]
    public async Task A_member_without_an_organisation_cannot_create()
    {
        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", new Caller(Core.Access.HubRoles.Member), Draft("Orphan").ToJsonString());

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("NoOrganization", (string)body!["error"]!["code"]!);
    }

    [StoreFact]
    public async Task On_the_real_host_an_anonymous_write_is_a_401_not_a_redirect_to_sign_in()
    {
        // The host with the identity feature's own schemes (cookie or bearer), not the test scheme.
        using var plain = new HubFactory();
        var (status, body, _) = await new ApiTestKit(plain).SendAsync(HttpMethod.Post, "/odata/UseCases", null, Draft("Nobody").ToJsonString());

        // An API caller gets a status and RFC 7807 problem details, never the sign-in page.
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(401, (int)body!["status"]!);
    }

    [StoreFact]
    public async Task A_member_cannot_create_an_entry_for_another_organisation()
    {
        var member = await OwnMemberAsync();
        var other = await OtherMemberAsync();
        var draft = Draft("Planted in another organisation");
        draft["OrganizationId"] = other.Organization;

        var created = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", member, draft.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(member.Organization, Guid.Parse((string)created.Body!["OrganizationId"]!));
    }

    [StoreTheory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    [InlineData("no-role", HttpStatusCode.Forbidden)]
    [InlineData("token-without-write-scope", HttpStatusCode.Forbidden)]
    [InlineData("token-with-write-scope", HttpStatusCode.Created)]
    [InlineData("cookie-member", HttpStatusCode.Created)]
    [InlineData("curator", HttpStatusCode.Created)]
    [InlineData("admin", HttpStatusCode.Created)]
    public async Task Creating_needs_a_writing_role_and_a_token_needs_the_write_scope(string who, HttpStatusCode expected)
    {
        var caller = who switch
        {
            "anonymous" => Caller.Anonymous,
            "no-role" => new Caller("Guest"),
            "token-without-write-scope" => await OwnMemberAsync("openid usecases.read"),
            "token-with-write-scope" => await OwnMemberAsync($"openid {ApiPolicies.WriteScope}"),
            "cookie-member" => await OwnMemberAsync(),
            "curator" => Caller.Curator,
            _ => Caller.Admin,
        };

        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", caller, Draft($"Authorised as {who}").ToJsonString());

        Assert.True(status == expected, $"{(int)status} {body?.ToJsonString()}");
    }

    [StoreTheory]
    [InlineData("Title", "", "Title")]
    [InlineData("Slug", "Not A Slug", "Slug")]
    [InlineData("Slug", "kenya-water", "Slug")]
    [InlineData("Language", "english", "Language")]
    [InlineData("StartYear", 1200, "StartYear")]
    public async Task Invalid_fields_are_named_in_an_odata_error(string field, object value, string target)
    {
        var draft = Draft("Validation case");
        draft[field] = JsonValue.Create(value);

        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", Caller.Curator, draft.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(target, (string)body!["error"]!["target"]!);
    }

    [StoreTheory]
    [InlineData("Sdgs", "Number", 99, "Unknown SDG '99'")]
    [InlineData("Countries", "Iso2", "XX", "Unknown country 'XX'")]
    [InlineData("Verticals", "Slug", "teleportation", "Unknown vertical 'teleportation'")]
    public async Task Unknown_tag_codes_are_named_in_an_odata_error(string field, string key, object code, string message)
    {
        var draft = Draft($"Unknown {field}");
        draft[field] = new JsonArray(new JsonObject { [key] = JsonValue.Create(code) });

        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", Caller.Curator, draft.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, (string)body!["error"]!["target"]!);
        Assert.Contains(message, (string)body!["error"]!["message"]!, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Patch_needs_if_match_refuses_a_stale_one_and_renews_the_etag()
    {
        var member = await OwnMemberAsync();
        var created = await CreateAsync(member, "Patch me");
        var path = $"/odata/UseCases({created["Id"]})";
        var etag = (string)created["@odata.etag"]!;
        var change = new JsonObject { ["Summary"] = "Changed once." }.ToJsonString();

        var (without, withoutBody, _) = await _api.SendAsync(HttpMethod.Patch, path, member, change);
        Assert.Equal((HttpStatusCode)428, without);
        Assert.Equal("PreconditionRequired", (string)withoutBody!["error"]!["code"]!);

        var (ok, updated, response) = await _api.SendAsync(HttpMethod.Patch, path, member, change, etag);
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal((string)updated!["@odata.etag"]!, response.Headers.ETag?.ToString());
        Assert.Equal("Changed once.", (string)updated!["Summary"]!);
        Assert.NotEqual(etag, (string)updated["@odata.etag"]!);

        var (stale, _, _) = await _api.SendAsync(HttpMethod.Patch, path, member, new JsonObject { ["Summary"] = "Lost?" }.ToJsonString(), etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale);
        Assert.Equal("Changed once.", (string)(await _api.GetAsync(path, member))["Summary"]!);
    }

    [StoreFact]
    public async Task Patch_changes_tags_given_by_key()
    {
        var member = await OwnMemberAsync();
        var created = await CreateAsync(member, "Retag me");
        var change = new JsonObject { ["Sdgs"] = new JsonArray(new JsonObject { ["Number"] = 13 }) }.ToJsonString();

        var (status, body, _) = await _api.SendAsync(HttpMethod.Patch, $"/odata/UseCases({created["Id"]})", member, change, (string)created["@odata.etag"]!);

        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        var stored = (await _api.StoreAsync()).Single(e => e.Id == Guid.Parse((string)created["Id"]!));
        Assert.Equal([13], stored.Sdgs.Select(s => s.Number));
        Assert.Equal(["KE"], stored.Countries.Select(c => c.Iso2));
    }

    [StoreFact]
    public async Task Two_people_editing_at_once_cannot_both_win()
    {
        var member = await OwnMemberAsync();
        var created = await CreateAsync(member, "Edited by two");
        var path = $"/odata/UseCases({created["Id"]})";
        var etag = (string)created["@odata.etag"]!;

        var results = await Task.WhenAll(
            _api.SendAsync(HttpMethod.Patch, path, member, new JsonObject { ["Summary"] = "Alice" }.ToJsonString(), etag),
            _api.SendAsync(HttpMethod.Patch, path, Caller.Admin, new JsonObject { ["Summary"] = "Bob" }.ToJsonString(), etag));

        var statuses = results.Select(r => r.Status).Order().ToList();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], statuses);
        var winner = (string)results.Single(r => r.Status == HttpStatusCode.OK).Body!["Summary"]!;
        Assert.Equal(winner, (string)(await _api.GetAsync(path, member))["Summary"]!);
    }

    [StoreFact]
    public async Task Put_replaces_the_draft_and_also_needs_if_match()
    {
        var member = await OwnMemberAsync();
        var created = await CreateAsync(member, "Put me");
        var path = $"/odata/UseCases({created["Id"]})";
        var replacement = Draft("Put me again");
        replacement["Sdgs"] = new JsonArray(new JsonObject { ["Number"] = 9 });

        Assert.Equal((HttpStatusCode)428, (await _api.SendAsync(HttpMethod.Put, path, member, replacement.ToJsonString())).Status);
        var (status, body, _) = await _api.SendAsync(HttpMethod.Put, path, member, replacement.ToJsonString(), (string)created["@odata.etag"]!);

        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal("Put me again", (string)body!["Title"]!);
        Assert.Equal([9], (await _api.StoreAsync()).Single(e => e.Id == Guid.Parse((string)created["Id"]!)).Sdgs.Select(s => s.Number));
    }

    [StoreFact]
    public async Task A_body_the_model_does_not_know_is_a_400_naming_the_property()
    {
        var draft = Draft("Unknown property");
        draft["Colour"] = "blue";

        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", Caller.Curator, draft.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Colour", (string)body!["error"]!["message"]!, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Patch_refuses_fields_the_hub_owns()
    {
        var member = await OwnMemberAsync();
        var created = await CreateAsync(member, "Try to publish myself");

        var (status, body, _) = await _api.SendAsync(HttpMethod.Patch, $"/odata/UseCases({created["Id"]})", member,
            new JsonObject { ["Status"] = "Published" }.ToJsonString(), (string)created["@odata.etag"]!);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Status", (string)body!["error"]!["target"]!);
    }

    [StoreFact]
    public async Task Another_organisations_member_cannot_edit_delete_or_submit_and_the_public_must_sign_in()
    {
        var created = await CreateAsync(Caller.Curator, "Owned by nobody");
        var path = $"/odata/UseCases({created["Id"]})";
        var etag = (string)created["@odata.etag"]!;
        var other = await OtherMemberAsync();
        // The curator's draft has no organisation, so a member cannot even see it.
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Patch, path, other, "{}", etag)).Status);

        var mine = await CreateAsync(await OwnMemberAsync(), "Owned by Fixture Utility");
        var minePath = $"/odata/UseCases({mine["Id"]})";
        var mineTag = (string)mine["@odata.etag"]!;
        // A published entry of another organisation is visible but not editable: the workflow refuses (409).
        var published = (await _api.StoreAsync()).First(e => e.Pid == "UC-2026-00001");
        Assert.Equal(HttpStatusCode.Conflict, (await _api.SendAsync(HttpMethod.Patch, $"/odata/UseCases({published.Id})", other, "{}", "*")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Delete, minePath, other, null, mineTag)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.SendAsync(HttpMethod.Patch, minePath, null, "{}", mineTag)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.SendAsync(HttpMethod.Delete, minePath, null, null, mineTag)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.SendAsync(HttpMethod.Post, $"{minePath}/UseCaseHub.Submit")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await _api.SendAsync(HttpMethod.Post, $"/odata/UseCases({published.Id})/UseCaseHub.Withdraw", other)).Status);
    }

    [StoreFact]
    public async Task A_forbidden_move_answers_409_with_the_workflows_message()
    {
        var member = await OwnMemberAsync();
        var created = await CreateAsync(member, "Moved by the wrong people");
        var path = $"/odata/UseCases({created["Id"]})";

        // A curator does not submit an organisation's entry for it.
        var (byCurator, refusal, _) = await _api.SendAsync(HttpMethod.Post, $"{path}/UseCaseHub.Submit", Caller.Curator);
        Assert.Equal(HttpStatusCode.Conflict, byCurator);
        Assert.Equal("NotPermitted", (string)refusal!["error"]!["code"]!);
        Assert.StartsWith("A curator may not submit this entry", (string)refusal["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal("Draft", (string)(await _api.GetAsync(path, member))["Status"]!);

        // A published entry is not withdrawn, even by its own organisation.
        var published = (await _api.StoreAsync()).First(e => e.Pid == "UC-2026-00001");
        var (withdrawn, wrongState, _) = await _api.SendAsync(HttpMethod.Post, $"/odata/UseCases({published.Id})/UseCaseHub.Withdraw", member);
        Assert.Equal(HttpStatusCode.Conflict, withdrawn);
        Assert.Equal("InvalidState", (string)wrongState!["error"]!["code"]!);
        Assert.Equal("The entry is Published; to withdraw it, it must be Draft or Submitted or UnderAssessment or ReturnedForRevision.",
            (string)wrongState["error"]!["message"]!);
    }

    [StoreFact]
    public async Task A_curator_retags_but_does_not_rewrite_a_members_entry()
    {
        var member = await OwnMemberAsync();
        var created = await CreateAsync(member, "Retagged by a curator");
        var path = $"/odata/UseCases({created["Id"]})";

        var (rewrite, refusal, _) = await _api.SendAsync(HttpMethod.Patch, path, Caller.Curator,
            new JsonObject { ["Summary"] = "Curator's words" }.ToJsonString(), (string)created["@odata.etag"]!);
        var (retag, body, _) = await _api.SendAsync(HttpMethod.Patch, path, Caller.Curator,
            new JsonObject { ["Sdgs"] = new JsonArray(new JsonObject { ["Number"] = 14 }) }.ToJsonString(), (string)created["@odata.etag"]!);

        Assert.Equal(HttpStatusCode.Conflict, rewrite);
        Assert.Equal("NotPermitted", (string)refusal!["error"]!["code"]!);
        Assert.True(retag == HttpStatusCode.OK, body?.ToJsonString());
    }

    [StoreFact]
    public async Task Submitting_an_incomplete_draft_names_the_missing_fields()
    {
        var member = await OwnMemberAsync();
        var draft = new JsonObject { ["Title"] = "Only a title" };
        var (_, created, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", member, draft.ToJsonString());

        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, $"/odata/UseCases({created!["Id"]})/UseCaseHub.Submit", member);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["Summary", "Verticals", "Sdgs"], body!["error"]!["details"]!.AsArray().Select(d => (string)d!["target"]!));
    }

    /// <summary>Issue 10 item 10: a slug held by a draft the caller cannot see is answered like any taken slug.</summary>
    [StoreFact]
    public async Task A_taken_slug_is_answered_the_same_whether_its_holder_is_visible_or_not()
    {
        var other = await OtherMemberAsync();
        var hidden = Draft("Probing a hidden draft");
        hidden["Slug"] = "draft-entry";
        var visible = Draft("Probing a public entry");
        visible["Slug"] = "kenya-water";

        var (hiddenStatus, hiddenBody, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", other, hidden.ToJsonString());
        var (visibleStatus, visibleBody, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", other, visible.ToJsonString());

        Assert.Empty((await _api.GetAsync("/odata/UseCases?$filter=Slug eq 'draft-entry'", other))["value"]!.AsArray());
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (hiddenStatus, visibleStatus));
        Assert.Equal(visibleBody!.ToJsonString().Replace("kenya-water", "draft-entry", StringComparison.Ordinal), hiddenBody!.ToJsonString());
        Assert.Equal("SlugTaken", (string)hiddenBody["error"]!["details"]![0]!["code"]!);
    }

    [StoreFact]
    public async Task Delete_removes_an_own_draft_with_if_match_only()
    {
        var member = await OwnMemberAsync();
        var created = await CreateAsync(member, "Delete me");
        var path = $"/odata/UseCases({created["Id"]})";

        Assert.Equal((HttpStatusCode)428, (await _api.SendAsync(HttpMethod.Delete, path, member)).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await _api.SendAsync(HttpMethod.Delete, path, member, null, "W/\"bm90LWEtc3RhbXA=\"")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, path, member, null, (string)created["@odata.etag"]!)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, path, member)).Status);
    }

    [StoreFact]
    public async Task A_published_entry_cannot_be_deleted_or_edited_through_the_draft_api()
    {
        var published = (await _api.StoreAsync()).First(e => e.Pid == "UC-2026-00001");

        var (status, body, _) = await _api.SendAsync(HttpMethod.Delete, $"/odata/UseCases({published.Id})", Caller.Admin, null, "*");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Status", (string)body!["error"]!["target"]!);
    }

    [StoreFact]
    public async Task Submit_moves_a_draft_to_submitted_and_withdraw_takes_it_back()
    {
        var member = await OwnMemberAsync();
        var created = await CreateAsync(member, "Submit me");
        var path = $"/odata/UseCases({created["Id"]})";

        var (submitted, body, _) = await _api.SendAsync(HttpMethod.Post, $"{path}/UseCaseHub.Submit", member);
        Assert.True(submitted == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal("Submitted", (string)body!["Status"]!);

        Assert.Equal(HttpStatusCode.Conflict, (await _api.SendAsync(HttpMethod.Post, $"{path}/UseCaseHub.Submit", member)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await _api.SendAsync(HttpMethod.Patch, path, member, "{}", (string)body["@odata.etag"]!)).Status);

        // If-Match is optional on actions, but a stale one still refuses.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await _api.SendAsync(HttpMethod.Post, $"{path}/UseCaseHub.Withdraw", member, null, (string)created["@odata.etag"]!)).Status);
        var (withdrawn, after, _) = await _api.SendAsync(HttpMethod.Post, $"{path}/UseCaseHub.Withdraw", member, null, (string)body["@odata.etag"]!);
        Assert.Equal(HttpStatusCode.OK, withdrawn);
        Assert.Equal("Withdrawn", (string)after!["Status"]!);
    }

    [StoreFact]
    public async Task A_best_practice_is_created_citing_visible_use_cases_only()
    {
        var store = await _api.StoreAsync();
        var published = store.First(e => e.Pid == "UC-2026-00001");
        var draft = store.First(e => e.Pid == "UC-2026-00005");
        var practice = new JsonObject
        {
            ["Title"] = "Pilot before scaling",
            ["DrawsOn"] = new JsonArray(new JsonObject { ["Id"] = published.Id }, new JsonObject { ["Id"] = draft.Id }),
        };

        var (refused, error, _) = await _api.SendAsync(HttpMethod.Post, "/odata/BestPractices", await OtherMemberAsync(), practice.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("DrawsOn", (string)error!["error"]!["target"]!);

        var (created, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/BestPractices", Caller.Curator, practice.ToJsonString());
        Assert.True(created == HttpStatusCode.Created, body?.ToJsonString());
        Assert.StartsWith("BP-", (string)body!["Pid"]!, StringComparison.Ordinal);
    }
}
