using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Identity;

namespace UseCaseHub.Web.Tests.Submit;

/// <summary>
/// The submission form with a real signed-in member (cookie sign-in, antiforgery tokens): a round trip of every field,
/// another organisation's entry refused, field-level messages from the one rulebook, a sanitised preview, the workflow
/// moves (submit, withdraw, delete) with their audit rows, the similar-entries panel and the curators' guidance.
/// </summary>
public sealed partial class SubmitFormTests(IdentityHubFactory hub) : IClassFixture<IdentityHubFactory>
{
    private const string Member = "member@example.org";

    [GeneratedRegex("/submit/([0-9a-f-]{36})")]
    private static partial Regex EntryAddress();

    private static List<KeyValuePair<string, string>> Complete(string title) =>
    [
        new("Form.Title", title),
        new("Form.Summary", "Prepaid smart water meters report daily use over NB-IoT in three towns."),
        new("Form.Body", "## Problem\n\nWater was lost to leaks."),
        new("Form.Language", "en"),
        new("Form.Licence", "CC-BY-4.0"),
        new("Form.Contact", "water@example.org"),
        new("Form.Stage", "Deployed"),
        new("Form.StartYear", "2021"),
        new("Form.Sdgs", "6"),
        new("Form.SdgTargets", "6.1"),
        new("Form.Verticals", "water"),
        new("Form.Countries", "KE"),
        new("Form.Scale[0].Title", "Households"),
        new("Form.Scale[0].Value", "12,000"),
        new("Form.Scale[1].Title", ""),
        new("Form.Scale[1].Value", ""),
        new("Form.Links[0].Title", "Project page"),
        new("Form.Links[0].Value", "https://example.org/project"),
        new("Form.Sources", "https://example.org/report\nhttps://example.org/press"),
        new("Form.Interoperability", "Meters speak LwM2M over NB-IoT."),
        new("Form.DataAndIdentifiers", "Each meter has a globally unique identifier."),
        new("Form.SecurityAndTrust", "DTLS between meter and platform."),
        new("Form.LessonsLearned", "Start with one town."),
    ];

    private async Task<HttpClient> MemberAsync(string email = Member)
    {
        var browser = hub.Browser();
        await browser.SignInAsync(email, IdentityHubFactory.DemoPassword);
        return browser;
    }

    /// <summary>Posts the new-entry form with <paramref name="handler"/>; the id of the entry it redirected to.</summary>
    private static async Task<Guid> CreateAsync(HttpClient browser, IEnumerable<KeyValuePair<string, string>> fields, string handler = "Save")
    {
        using var response = await browser.SubmitAsync("/submit?kind=use-case", fields, $"/submit?kind=use-case&handler={handler}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {Errors(body)}");
        return Guid.Parse(EntryAddress().Match(response.Headers.Location!.OriginalString).Groups[1].Value);
    }

    private static string Errors(string html) => string.Join(" | ", Regex.Matches(html, "<span data-rule=\"[^\"]*\">([^<]*)</span>").Select(m => m.Groups[1].Value));

    private Task<T> WithDbAsync<T>(Func<HubDbContext, Task<T>> action) => hub.WithScopeAsync(s => action(s.GetRequiredService<HubDbContext>()));

    private Task<UseCase?> LoadAsync(Guid id) => WithDbAsync(db => db.UseCases.IgnoreQueryFilters().AsNoTracking()
        .Include(e => e.Sdgs).Include(e => e.SdgTargets).Include(e => e.Verticals).Include(e => e.Countries)
        .FirstOrDefaultAsync(e => e.Id == id));

    private Task<List<string>> AuditAsync(Guid id) => WithDbAsync(db => db.AuditEntries.AsNoTracking()
        .Where(a => a.SubjectId == id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    /// <summary>A draft of another organisation, written straight into the store.</summary>
    private Task<Guid> OtherOrganisationsDraftAsync() => WithDbAsync(async db =>
    {
        var organization = new Organization { Id = Guid.NewGuid(), Slug = "other-org-" + Guid.NewGuid().ToString("N")[..8], Name = "Other organisation" };
        var entry = new UseCase
        {
            Id = Guid.NewGuid(),
            Pid = $"UC-2026-{Random.Shared.Next(90000, 99999)}",
            Slug = "other-draft-" + Guid.NewGuid().ToString("N")[..8],
            Title = "Other organisation's secret draft",
            Summary = "Hidden.",
            OrganizationId = organization.Id,
        };
        db.AddRange(organization, entry);
        await db.SaveChangesAsync();
        return entry.Id;
    });

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        foreach (var path in new[] { "/submit", "/submit?kind=use-case", $"/submit/{Guid.NewGuid()}", "/my-entries" })
        {
            using var response = await hub.Browser().GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_member_saves_every_field_reads_them_back_and_edits_them()
    {
        var browser = await MemberAsync();
        var id = await CreateAsync(browser, Complete("Prepaid water meters in three towns"));

        var saved = await LoadAsync(id);
        Assert.NotNull(saved);
        Assert.Equal(EntryStatus.Draft, saved.Status);
        Assert.Equal(await hub.DemoOrganizationIdAsync(), saved.OrganizationId);
        Assert.Matches("^UC-\\d{4}-\\d{5}$", saved.Pid);
        Assert.Equal("prepaid-water-meters-in-three-towns", saved.Slug);
        Assert.Equal((DeploymentStage.Deployed, 2021), (saved.Stage, saved.StartYear));
        Assert.Equal([6], saved.Sdgs.Select(g => g.Number));
        Assert.Equal(["6.1"], saved.SdgTargets.Select(t => t.Code));
        Assert.Equal(["water"], saved.Verticals.Select(v => v.Slug));
        Assert.Equal(["KE"], saved.Countries.Select(c => c.Iso2));
        Assert.Equal(("Households", "12,000"), (saved.Scale.Single().Label, saved.Scale.Single().Value));
        Assert.Equal(("Project page", "https://example.org/project"), (saved.Links.Single().Title, saved.Links.Single().Url));
        Assert.Equal(["https://example.org/report", "https://example.org/press"], saved.Sources);
        Assert.Equal("Meters speak LwM2M over NB-IoT.", saved.Interoperability);
        Assert.Equal("Start with one town.", saved.LessonsLearned);
        Assert.Equal([AuditActions.EntryCreate], await AuditAsync(id));

        var page = await browser.GetStringAsync(new Uri($"/submit/{id}?done=saved", UriKind.Relative));
        Assert.Contains("value=\"Prepaid water meters in three towns\"", page, StringComparison.Ordinal);
        Assert.Matches("value=\"KE\" checked", page);
        Assert.Matches("name=\"Form.SdgTargets\" value=\"6.1\" checked", page);
        Assert.Contains("The draft is saved.", page, StringComparison.Ordinal);
        // Each form carries its own antiforgery token (an explicit action turns the tag helper's default off).
        foreach (Match form in Regex.Matches(page, "<form method=\"post\" action=\"/submit/[^\"]*\".*?</form>", RegexOptions.Singleline))
        {
            Assert.Contains("name=\"__RequestVerificationToken\"", form.Value, StringComparison.Ordinal);
        }

        Assert.Equal(3, Regex.Count(page, "<form method=\"post\" action=\"/submit/"));

        // As a browser posts it back: every field as the page showed it (the slug included), two of them changed.
        var edited = Complete("Prepaid water meters in four towns");
        edited.RemoveAll(f => f.Key == "Form.Countries");
        edited.AddRange([new("Form.Countries", "UG"), new("Form.Slug", saved.Slug)]);
        using (var response = await browser.SubmitAsync($"/submit/{id}", edited, $"/submit/{id}?handler=Save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var after = await LoadAsync(id);
        Assert.Equal("Prepaid water meters in four towns", after!.Title);
        Assert.Equal(["UG"], after.Countries.Select(c => c.Iso2));
        Assert.Equal(2, after.Version);
        Assert.Equal([AuditActions.EntryCreate, AuditActions.EntryEdit], await AuditAsync(id));
        var details = await WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.SubjectId == id.ToString() && a.Action == AuditActions.EntryEdit).Select(a => a.Details).SingleAsync());
        Assert.Equal("""{"fields":["Title","Countries"]}""", details);
    }

    [Fact]
    public async Task Another_organisations_entry_cannot_be_read_edited_submitted_or_deleted_through_the_form()
    {
        var browser = await MemberAsync();
        var other = await OtherOrganisationsDraftAsync();
        var ownPage = "/submit?kind=use-case";

        using (var read = await browser.GetAsync(new Uri($"/submit/{other}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        foreach (var handler in new[] { "Save", "Submit", "Preview", "Withdraw", "Delete" })
        {
            // The token comes from a page the member may open; the post goes to the other organisation's entry.
            using var response = await browser.SubmitAsync(ownPage, Complete("Taken over"), $"/submit/{other}?handler={handler}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{handler}: {(int)response.StatusCode}");
        }

        var unchanged = await LoadAsync(other);
        Assert.Equal(("Other organisation's secret draft", EntryStatus.Draft, 1), (unchanged!.Title, unchanged.Status, unchanged.Version));
        Assert.Empty(await AuditAsync(other));
    }

    [Fact]
    public async Task A_signed_in_person_without_a_hub_role_may_not_open_the_form()
    {
        var email = $"no-role-{Guid.NewGuid():N}@example.org";
        await hub.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<UseCaseHub.Core.Accounts.HubUser>>();
            var user = new UseCaseHub.Core.Accounts.HubUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, IdentityHubFactory.DemoPassword)).Succeeded);
            return 0;
        });
        var browser = await MemberAsync(email);

        using var response = await browser.GetAsync(new Uri("/submit?kind=use-case", UriKind.Relative));

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden || (response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location!.OriginalString.Contains("denied", StringComparison.OrdinalIgnoreCase)), $"{(int)response.StatusCode}");
    }

    [Fact]
    public async Task Each_broken_rule_is_said_beside_its_field_and_nothing_is_saved()
    {
        var browser = await MemberAsync();
        var fields = Complete("");
        fields.RemoveAll(f => f.Key is "Form.StartYear" or "Form.SdgTargets" or "Form.Links[0].Value");
        fields.AddRange([new("Form.Slug", "Not A Slug"), new("Form.StartYear", "2999"), new("Form.SdgTargets", "7.1"),
            new("Form.Links[0].Value", "javascript:alert(1)"), new("Form.Verticals", "teleportation")]);
        var before = await WithDbAsync(db => db.Entries.IgnoreQueryFilters().CountAsync());

        using var response = await browser.SubmitAsync("/submit?kind=use-case", fields, "/submit?kind=use-case&handler=Save");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var (field, rule) in new[] { ("Title", "Required"), ("Slug", "Slug"), ("StartYear", "OutOfRange"), ("SdgTargets", "TargetWithoutGoal"), ("Links", "WebAddress"), ("Verticals", "UnknownValue") })
        {
            Assert.Matches($"id=\"err-{field}\" data-field=\"{field}\">\\s*<span data-rule=\"{rule}\">", html);
            Assert.Matches($"aria-describedby=\"[^\"]*\\berr-{field}\\b", html);
        }

        Assert.Contains("This field is required.", html, StringComparison.Ordinal);
        Assert.Contains("Target 7.1 belongs to SDG 7: tick that goal too, or untick the target.", html, StringComparison.Ordinal);
        Assert.Equal(before, await WithDbAsync(db => db.Entries.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task The_messages_are_in_the_readers_language_from_the_resource_file()
    {
        var browser = await MemberAsync();
        var fields = Complete("");

        using var response = await browser.SubmitAsync("/fr/submit?kind=use-case", fields, "/fr/submit?kind=use-case&handler=Save");
        var html = await response.Content.ReadAsStringAsync();

        // The French resource's text, never the rulebook's (English) log sentence.
        Assert.Contains("<span data-rule=\"Required\">Ce champ est obligatoire.</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Title is required.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preview_is_rendered_on_the_server_and_sanitised()
    {
        var browser = await MemberAsync();
        var fields = Complete("Preview case");
        fields.RemoveAll(f => f.Key is "Form.Body" or "Form.Interoperability");
        fields.Add(new("Form.Body", "**bold** <script>alert('body')</script> [click](javascript:alert(1)) <img src=x onerror=alert(2)>"));
        fields.Add(new("Form.Interoperability", "<script>alert('section')</script> *open* interfaces"));
        var before = await WithDbAsync(db => db.Entries.IgnoreQueryFilters().CountAsync());

        using var response = await browser.SubmitAsync("/submit?kind=use-case", fields, "/submit?kind=use-case&handler=Preview");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = Regex.Match(html, "<section class=\"preview\".*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("<strong>bold</strong>", preview, StringComparison.Ordinal);
        Assert.Contains("<em>open</em>", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror=alert", preview.Replace("&lt;", "", StringComparison.Ordinal).Replace("onerror=alert(2)&gt;", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(before, await WithDbAsync(db => db.Entries.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Submit_moves_a_complete_draft_to_the_curators_and_an_incomplete_one_stays_a_draft_with_messages()
    {
        var browser = await MemberAsync();
        var incomplete = Complete("Incomplete draft for submission");
        incomplete.RemoveAll(f => f.Key is "Form.Verticals" or "Form.Summary");
        using (var response = await browser.SubmitAsync("/submit?kind=use-case", incomplete, "/submit?kind=use-case&handler=Submit"))
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Matches("id=\"err-Verticals\" data-field=\"Verticals\">\\s*<span data-rule=\"Required\">Tick at least one value before submitting.", html);
            Assert.Matches("id=\"err-Summary\" data-field=\"Summary\">\\s*<span data-rule=\"Required\">", html);
            var kept = Guid.Parse(EntryAddress().Match(html[html.IndexOf("class=\"submit-form\"", StringComparison.Ordinal)..]).Groups[1].Value);
            Assert.Equal(EntryStatus.Draft, (await LoadAsync(kept))!.Status);
            Assert.Equal([AuditActions.EntryCreate], await AuditAsync(kept));
        }

        var id = await CreateAsync(browser, Complete("Complete draft for submission"), "Submit");

        Assert.Equal(EntryStatus.Submitted, (await LoadAsync(id))!.Status);
        Assert.Equal([AuditActions.EntryCreate, "entry.submit"], await AuditAsync(id));
        var page = await browser.GetStringAsync(new Uri($"/submit/{id}?done=submitted", UriKind.Relative));
        Assert.Contains("data-status=\"Submitted\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"submit-form\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_and_delete_go_through_the_workflow_and_a_refused_move_is_said_on_the_page()
    {
        var browser = await MemberAsync();
        var draft = await CreateAsync(browser, Complete("Draft to delete"));
        var submitted = await CreateAsync(browser, Complete("Entry to withdraw"), "Submit");

        // Deleting a submitted entry is refused by the workflow, with its message, and changes nothing.
        using (var refused = await browser.SubmitAsync($"/submit/{draft}", [], $"/submit/{submitted}?handler=Delete"))
        {
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("This is not possible while the entry is Submitted.", html, StringComparison.Ordinal);
            Assert.Contains("only a Draft can be deleted", html, StringComparison.Ordinal);
        }

        Assert.NotNull(await LoadAsync(submitted));

        using (var withdrawn = await browser.SubmitAsync($"/submit/{submitted}", [], $"/submit/{submitted}?handler=Withdraw"))
        {
            Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        }

        Assert.Equal(EntryStatus.Withdrawn, (await LoadAsync(submitted))!.Status);
        Assert.Equal([AuditActions.EntryCreate, "entry.submit", "entry.withdraw"], await AuditAsync(submitted));

        // Withdrawing again: the workflow refuses, the page says so.
        using (var again = await browser.SubmitAsync($"/submit/{draft}", [], $"/submit/{submitted}?handler=Withdraw"))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("This is not possible while the entry is Withdrawn.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var deleted = await browser.SubmitAsync($"/submit/{draft}", [], $"/submit/{draft}?handler=Delete"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
            Assert.Contains("/my-entries", deleted.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Null(await LoadAsync(draft));
        Assert.Equal([AuditActions.EntryCreate, AuditActions.EntryDelete], await AuditAsync(draft));
    }

    [Fact]
    public async Task The_similar_entries_panel_shows_public_entries_like_the_draft_and_nothing_hidden()
    {
        var browser = await MemberAsync();
        var fields = Complete("Smart water metering in Kenya");
        var id = await CreateAsync(browser, fields);

        var page = await browser.GetStringAsync(new Uri($"/submit/{id}", UriKind.Relative));

        var panel = Regex.Match(page, "<aside class=\"similar-panel\".*?</aside>", RegexOptions.Singleline).Value;
        Assert.Contains("Similar entries already in the hub", panel, StringComparison.Ordinal);
        Assert.Contains("href=\"/use-cases/kenya-water\"", panel, StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), panel, StringComparison.Ordinal);
        // The fixture's draft (another organisation's) never shows, whatever it shares with this text.
        Assert.DoesNotContain("draft-entry", panel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_resolution_98_section_has_the_guidance_of_the_assessment_criteria_page_beside_it()
    {
        // The fixture content has no criteria page: the shipped one is stored as the importer would.
        var text = await File.ReadAllTextAsync(Path.Combine(TestPaths.Content, "pages", "assessment-criteria.md"));
        var body = text[(text.IndexOf("\n---", 3, StringComparison.Ordinal) + 4)..];
        await WithDbAsync(async db =>
        {
            if (!await db.Pages.AnyAsync(p => p.Slug == "assessment-criteria"))
            {
                db.Pages.Add(new Page { Slug = "assessment-criteria", Language = "en", Title = "Assessment criteria", Body = body });
                await db.SaveChangesAsync();
            }

            return 0;
        });
        var browser = await MemberAsync();

        var page = await browser.GetStringAsync(new Uri("/submit?kind=use-case", UriKind.Relative));

        foreach (var (field, guidance) in new[]
        {
            ("Interoperability", "Which open interfaces, protocols and data models"),
            ("DataAndIdentifiers", "Identifiers for devices, assets and locations"),
            ("SecurityAndTrust", "Device authentication, encryption in transit"),
            ("LessonsLearned", "Costs, skills and infrastructure needed"),
        })
        {
            var aside = Regex.Match(page, $"<aside class=\"guidance\" id=\"guide-{field}\">.*?</aside>", RegexOptions.Singleline).Value;
            Assert.Contains(guidance, aside, StringComparison.Ordinal);
            Assert.Contains($"aria-describedby=\"guide-{field}\"", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task My_entries_lists_the_organisations_entries_in_every_state_and_the_organisation_page_shows_drafts_only_to_members()
    {
        var browser = await MemberAsync();
        var draft = await CreateAsync(browser, Complete("Listed draft of the demo organisation"));
        var other = await OtherOrganisationsDraftAsync();

        var mine = await browser.GetStringAsync(new Uri("/my-entries", UriKind.Relative));
        Assert.Contains($"data-entry=\"{draft}\"", mine, StringComparison.Ordinal);
        Assert.Contains($"href=\"/conversation/{draft}\"", mine, StringComparison.Ordinal);
        Assert.Contains("data-status=\"Draft\"", mine, StringComparison.Ordinal);
        Assert.DoesNotContain(other.ToString(), mine, StringComparison.Ordinal);

        var slug = await WithDbAsync(db => db.Organizations.Where(o => o.Slug == "demo-organisation").Select(o => o.Slug).SingleAsync());
        Assert.Contains($"data-entry=\"{draft}\"", await browser.GetStringAsync(new Uri($"/organizations/{slug}", UriKind.Relative)), StringComparison.Ordinal);
        using var anonymous = await hub.CreateClient().GetAsync(new Uri($"/organizations/{slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.DoesNotContain("Listed draft of the demo organisation", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var missing = await hub.CreateClient().GetAsync(new Uri("/organizations/no-such-organisation", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_curator_fixes_only_the_tags_of_a_submitted_entry_and_its_members_cannot_through_that_door()
    {
        var member = await MemberAsync();
        var id = await CreateAsync(member, Complete("Tagged by the curators"), handler: "Submit");
        var curator = await MemberAsync("curator@example.org");
        Assert.Contains("Save the tags", await curator.GetStringAsync(new Uri($"/submit/{id}", UriKind.Relative)), StringComparison.Ordinal);

        using var retagged = await curator.SubmitAsync($"/submit/{id}",
        [
            new("Form.Title", "A curator may not retitle it"), new("Form.Sdgs", "6"), new("Form.Sdgs", "11"), new("Form.SdgTargets", "6.1"),
            new("Form.Verticals", "water"), new("Form.Countries", "KE"), new("Form.Countries", "TZ"),
        ], $"/submit/{id}?handler=Retag");
        Assert.Equal(HttpStatusCode.Redirect, retagged.StatusCode);
        var entry = await LoadAsync(id);
        Assert.Equal([6, 11], entry!.Sdgs.Select(g => g.Number).Order());
        Assert.Equal(["KE", "TZ"], entry.Countries.Select(c => c.Iso2).Order(StringComparer.Ordinal));
        Assert.Equal(("Tagged by the curators", EntryStatus.Submitted), (entry.Title, entry.Status));
        Assert.Equal("entry.retag", (await AuditAsync(id))[^1]);

        // The submitter's side edits text only while it is a draft or returned: the retag door refuses it too, said on the page.
        using var refused = await member.SubmitAsync($"/submit/{id}", [new("Form.Sdgs", "6"), new("Form.Verticals", "water"), new("Form.Countries", "KE")],
            $"/submit/{id}?handler=Retag");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal([6, 11], (await LoadAsync(id))!.Sdgs.Select(g => g.Number).Order());
    }

    [Fact]
    public async Task The_header_links_members_to_the_form()
    {
        var browser = await MemberAsync();

        var home = await browser.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("href=\"/submit\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/submit\"", await hub.CreateClient().GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
    }
}
