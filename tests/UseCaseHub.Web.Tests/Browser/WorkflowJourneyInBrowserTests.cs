using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UseCaseHub.Web.Tests.Assessments;
using UseCaseHub.Web.Tests.Attachments;

namespace UseCaseHub.Web.Tests.Browser;

/// <summary>
/// The whole collate-and-assess journey in chromium, as people do it on the site (issue 11's "done when"): a member
/// submits with an attachment and sees the similar-entries panel, a curator claims, assesses and returns with a
/// message, the member revises, the curator publishes, and the entry appears in search with its assessment card and
/// gaps; the earlier version and the diff are viewable; every step is in the audit log and in the inboxes.
/// </summary>
public sealed class WorkflowJourneyInBrowserTests(MemberBrowserFixture browser) : IClassFixture<MemberBrowserFixture>
{
    private const string Title = "Solar water kiosks with smart meters in Kenya";
    private const string Revised = "Tariffs come from the county water board's public register.";

    [Fact]
    public async Task A_use_case_goes_from_submission_through_assessment_to_search()
    {
        // The fixture content has no criteria page: the shipped one gives the rubric, as it does in production.
        await Rubric.StoreShippedPageAsync(browser.Services);
        var member = await browser.SignedInPageAsync("member@example.org");
        var curator = await browser.SignedInPageAsync("curator@example.org");

        // The member writes a draft; saving it shows what the hub already has on the same subject.
        await member.GotoAsync("/submit?kind=use-case");
        await member.GetByLabel("Title", new() { Exact = true }).FillAsync(Title);
        await member.GetByLabel("Summary").FillAsync("Smart water metering at solar kiosks in Kenya: prepaid water, levels reported over GSM.");
        await member.Locator("#field-Verticals").GetByLabel("Water", new() { Exact = true }).CheckAsync();
        await member.Locator("#field-Sdgs input[name='Form.Sdgs'][value='6']").CheckAsync();
        var countries = member.Locator("#field-Countries");
        await countries.Locator("input.picker-filter").FillAsync("kenya");
        await countries.GetByLabel("Kenya").CheckAsync();
        await ClickAndWaitAsync(member, member.GetByRole(AriaRole.Button, new() { Name = "Save draft" }));
        var id = Regex.Match(member.Url, "/submit/([0-9a-f-]{36})").Groups[1].Value;
        Assert.True(id.Length == 36, $"saving lands on the draft's own address, not {member.Url}");
        var similar = member.Locator(".similar-panel");
        Assert.Contains("Smart water metering in Kenya", await similar.TextContentAsync(), StringComparison.Ordinal);
        var slug = await member.Locator("#field-Slug").InputValueAsync();

        // An attachment: a photo whose GPS position must not survive the upload.
        await member.GetByRole(AriaRole.Link, new() { Name = "Attachments" }).ClickAsync();
        await member.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "kiosk.jpg",
            MimeType = "image/jpeg",
            Buffer = AttachmentKit.JpegWithGps("journey-gps-marker"),
        });
        await ClickAndWaitAsync(member, member.GetByRole(AriaRole.Button, new() { Name = "Add the file" }));
        Assert.Contains("kiosk.jpg", await member.Locator("main").TextContentAsync(), StringComparison.Ordinal);

        await member.GotoAsync($"/submit/{id}");
        await ClickAndWaitAsync(member, member.GetByRole(AriaRole.Button, new() { Name = "Submit for assessment" }));
        Assert.Equal("Submitted", await member.Locator(".meta .entry-status").GetAttributeAsync("data-status"));

        // The curator finds it in the queue, claims it, scores the rubric, notes a gap and returns it with a message.
        await curator.GotoAsync("/curate");
        await curator.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await ClickAndWaitAsync(curator, curator.GetByRole(AriaRole.Button, new() { Name = "Claim for assessment" }));
        await AssessAsync(curator, score: 1);
        await curator.GetByLabel("What no standard covers").FillAsync("No standard data model for prepaid water kiosk tariffs.");
        await ClickAndWaitAsync(curator, curator.GetByRole(AriaRole.Button, new() { Name = "Note the gap" }));
        await DecideAsync(curator, "Return", "Please say where the tariffs come from, with a public source.");
        await curator.GetByLabel("Your message").FillAsync("The rest reads well; only the tariffs are unsourced.");
        await ClickAndWaitAsync(curator, curator.GetByRole(AriaRole.Button, new() { Name = "Send" }));

        // The member is told, reads the conversation, revises and submits again.
        await member.GotoAsync("/inbox");
        var inbox = await member.Locator(".notifications").TextContentAsync() ?? "";
        Assert.Contains("Please say where the tariffs come from", inbox, StringComparison.Ordinal);
        await member.GotoAsync($"/conversation/{id}");
        Assert.Contains("only the tariffs are unsourced", await member.Locator(".thread").TextContentAsync(), StringComparison.Ordinal);
        await member.GotoAsync($"/submit/{id}");
        Assert.Equal("ReturnedForRevision", await member.Locator(".meta .entry-status").GetAttributeAsync("data-status"));
        var summary = member.GetByLabel("Summary");
        await summary.FillAsync(await summary.InputValueAsync() + " " + Revised);
        await ClickAndWaitAsync(member, member.GetByRole(AriaRole.Button, new() { Name = "Submit for assessment" }));
        Assert.Equal("Submitted", await member.Locator(".meta .entry-status").GetAttributeAsync("data-status"));

        // The curator claims the revised submission, assesses it again and publishes it.
        await curator.GotoAsync($"/curate/entries/{id}");
        await ClickAndWaitAsync(curator, curator.GetByRole(AriaRole.Button, new() { Name = "Claim for assessment" }));
        await AssessAsync(curator, score: 3);
        await DecideAsync(curator, "Publish", null);

        // Anyone finds it in search, with its assessment card, its gap and its attachment (without the GPS position).
        var visitor = await browser.NewPageAsync();
        await EventuallyAsync(visitor, "/search?q=kiosks", page => page.GetByRole(AriaRole.Link, new() { Name = Title }).CountAsync());
        await visitor.GetByRole(AriaRole.Link, new() { Name = Title }).First.ClickAsync();
        Assert.EndsWith($"/use-cases/{slug}", visitor.Url, StringComparison.Ordinal);
        var card = visitor.Locator(".assessment-card");
        Assert.Equal("3", (await card.Locator("tr[data-criterion='interoperability'] td").First.TextContentAsync())?.Trim());
        Assert.Contains("prepaid water kiosk tariffs", await card.TextContentAsync(), StringComparison.Ordinal);
        var image = visitor.Locator("a[href*='/attachments/']").First;
        var download = await visitor.APIRequest.GetAsync(await image.GetAttributeAsync("href") ?? "");
        Assert.Equal(200, download.Status);
        Assert.False(AttachmentKit.Contains(await download.BodyAsync(), "journey-gps-marker"), "the photo's GPS position was served");

        // The member sees both versions and what changed between them; the public sees only the published one.
        await member.GotoAsync($"/use-cases/{slug}/versions");
        await member.GetByRole(AriaRole.Link, new() { Name = "Compare with version 1" }).ClickAsync();
        var inserted = string.Join(" ", await member.Locator(".diff ins").AllInnerTextsAsync());
        Assert.Contains("county water board", inserted, StringComparison.Ordinal);
        await visitor.GotoAsync($"/use-cases/{slug}/versions");
        Assert.Equal(1, await visitor.Locator("table tbody tr").CountAsync());

        // Every step is in the audit log, and both sides were told.
        await curator.GotoAsync("/curate/audit?subject=" + id);
        var log = await curator.Locator("main").TextContentAsync() ?? "";
        foreach (var action in new[] { "entry.create", "attachment.add", "entry.submit", "entry.claim", "entry.assess", "entry.gap", "entry.return", "entry.message", "entry.publish" })
        {
            Assert.Contains(action, log, StringComparison.Ordinal);
        }

        await curator.GotoAsync("/inbox");
        Assert.True(await curator.Locator(".notifications li[data-kind]").CountAsync() >= 2, "the curator was told of both submissions");
        await member.GotoAsync("/inbox");
        var kinds = await member.Locator(".notifications li[data-kind]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.kind)");
        Assert.True(kinds.Length >= 4, $"the member was told of both claims and both decisions, got: {string.Join(", ", kinds)}");
    }

    /// <summary>Scores every criterion of the rubric, with a comment, and saves the curator's assessment.</summary>
    private static async Task AssessAsync(IPage curator, int score)
    {
        var criteria = curator.Locator("form.rubric fieldset[id^='criterion-']");
        var count = await criteria.CountAsync();
        Assert.True(count >= 5, $"the rubric shows the criteria page's criteria, got {count}");
        for (var i = 0; i < count; i++)
        {
            var criterion = criteria.Nth(i);
            await criterion.Locator($"input[type=radio][value='{score}']").CheckAsync();
            await criterion.Locator("textarea").FillAsync($"Scored {score} from the entry's own text.");
        }

        await curator.Locator("#evidence").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await ClickAndWaitAsync(curator, curator.Locator("form.rubric button[type=submit]"));
        var refusal = curator.Locator(".refusal, .error-summary, [role=alert]");
        Assert.True(await refusal.CountAsync() == 0, string.Join(" ", await refusal.AllTextContentsAsync()));
    }

    private static async Task DecideAsync(IPage curator, string decision, string? note)
    {
        await curator.Locator($"input[name=Decision][value={decision}]").CheckAsync();
        if (note is not null)
        {
            await curator.Locator("#note").FillAsync(note);
        }

        await ClickAndWaitAsync(curator, curator.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }));
        var refusal = curator.Locator(".refusal, .error-summary, [role=alert]");
        Assert.True(await refusal.CountAsync() == 0, string.Join(" ", await refusal.AllTextContentsAsync()));
    }

    /// <summary>Clicks a submit button and waits for the page it leads to (a post, then usually a redirect).</summary>
    private static async Task ClickAndWaitAsync(IPage page, ILocator button)
    {
        // Obsolete in favour of WaitForURL, which cannot tell a post that redirects back to the same address from no
        // navigation at all; this one waits for the new document whatever its address.
#pragma warning disable CS0612
        await page.RunAndWaitForNavigationAsync(() => button.ClickAsync());
#pragma warning restore CS0612
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>The search index catches up from the outbox in the background: look again for a few seconds.</summary>
    private static async Task EventuallyAsync(IPage page, string path, Func<IPage, Task<int>> count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await page.GotoAsync(path);
            if (await count(page) > 0)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{path} never showed the published entry");
    }
}
