using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Assessments;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Tests.Identity;

namespace UseCaseHub.Web.Tests.Assessments;

/// <summary>
/// The curators' entry page and the members' conversation page with real sign-ins: claim, assess, note a gap, talk,
/// decide; the public card shows the sealed round only; the thread is for the organisation and curators only.
/// </summary>
public sealed class AssessmentPageTests(IdentityHubFactory hub) : IClassFixture<IdentityHubFactory>
{
    private const string OtherMemberEmail = "assess-other-member@example.org";

    [Fact]
    public async Task A_curator_claims_assesses_notes_a_gap_talks_and_publishes_and_the_card_shows_only_the_sealed_round()
    {
        var rubric = await Rubric.StoreShippedPageAsync(hub.Services);
        var (id, slug) = await SubmittedEntryAsync("Lagoon salinity buoys");
        var standard = await WithDbAsync(db => db.Standards.Where(s => s.Url != null).OrderBy(s => s.Code).Select(s => s.Code).FirstAsync());
        var curator = hub.Browser();
        await curator.SignInAsync("curator@example.org", IdentityHubFactory.DemoPassword);
        var page = $"/curate/entries/{id}";

        var before = await curator.GetStringAsync(new Uri(page, UriKind.Relative));
        Assert.Contains("handler=Claim", before, StringComparison.Ordinal);
        await PostAsync(curator, page, "Claim", []);
        Assert.Equal(EntryStatus.UnderAssessment, await StatusAsync(id));

        var form = await curator.GetStringAsync(new Uri(page, UriKind.Relative));
        Assert.All(rubric.Criteria, c => Assert.Contains($"name=\"Score[{c.Key}]\"", form, StringComparison.Ordinal));

        // A score out of range is refused on the page, with the rule's message, and nothing is stored.
        using (var refused = await curator.SubmitAsync(page, AssessmentForm(rubric, 7), page + "?handler=Assess"))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("it must be from 0 to 3", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Empty(await WithDbAsync(db => db.Assessments.Where(a => a.EntryId == id).ToListAsync()));
        await PostAsync(curator, page, "Assess", AssessmentForm(rubric, 2));
        await PostAsync(curator, page, "Assess", AssessmentForm(rubric, 3));
        var assessment = Assert.Single(await WithDbAsync(db => db.Assessments.Where(a => a.EntryId == id).ToListAsync()));
        Assert.All(assessment.Scores, s => Assert.Equal(3, s.Score));
        await PostAsync(curator, page, "Gap", new() { ["GapText"] = "No data model for lagoon salinity", ["GapStandards"] = standard });
        await PostAsync(curator, page, "Message", new() { ["Message"] = "Which lagoons are covered?" });

        // The member reads and answers on its conversation page.
        var member = hub.Browser();
        await member.SignInAsync("member@example.org", IdentityHubFactory.DemoPassword);
        var thread = $"/conversation/{id}";
        Assert.Contains("Which lagoons are covered?", await member.GetStringAsync(new Uri(thread, UriKind.Relative)), StringComparison.Ordinal);
        await PostAsync(member, thread, "Message", new() { ["Message"] = "All three lagoons of the atoll." });
        Assert.Contains("All three lagoons of the atoll.", await curator.GetStringAsync(new Uri(page, UriKind.Relative)), StringComparison.Ordinal);

        // Before the decision nothing is public; a return without a note is refused on the page.
        using (var hidden = await hub.Browser().GetAsync(new Uri($"/use-cases/{slug}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using (var noNote = await curator.SubmitAsync(page, new Dictionary<string, string> { ["Decision"] = "Return", ["Note"] = "" }, page + "?handler=Decide"))
        {
            Assert.Equal(HttpStatusCode.Conflict, noNote.StatusCode);
            Assert.Contains("Note is required", await noNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await PostAsync(curator, page, "Decide", new() { ["Decision"] = "Publish", ["Note"] = "Clear and sourced." });
        Assert.Equal(EntryStatus.Published, await StatusAsync(id));
        Assert.Contains("Clear and sourced.", await member.GetStringAsync(new Uri(thread, UriKind.Relative)), StringComparison.Ordinal);

        // An open assessment and gap appearing later (e.g. a curator's draft for a revision) must not reach the card.
        await WithDbAsync(async db =>
        {
            db.Add(new Assessment
            {
                Id = Guid.NewGuid(),
                EntryId = id,
                CuratorId = "someone",
                CuratorName = "someone",
                EvidenceLevel = EvidenceLevel.SelfReported,
                Comment = "UNSEALED-MARKER",
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
                Scores = [.. rubric.Criteria.Select(c => new AssessmentScore { Criterion = c.Key, Title = c.Title, Score = 0, Comment = "UNSEALED-MARKER" })],
            });
            db.Add(new StandardisationGap { Id = Guid.NewGuid(), EntryId = id, Text = "UNSEALED-GAP", CuratorId = "someone", CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });

        var publicPage = await hub.Browser().GetStringAsync(new Uri($"/use-cases/{slug}", UriKind.Relative));
        Assert.Contains("assessment-card", publicPage, StringComparison.Ordinal);
        Assert.Contains("data-criterion=\"evidence-of-sdg-impact\"", publicPage, StringComparison.Ordinal);
        Assert.Contains("<td>3</td>", publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>0</td>", publicPage, StringComparison.Ordinal);
        Assert.Contains("No data model for lagoon salinity", publicPage, StringComparison.Ordinal);
        Assert.Contains($">{standard}</a>", publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain("UNSEALED", publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain("lagoons are covered", publicPage, StringComparison.Ordinal);

        var key = id.ToString();
        var actions = await WithDbAsync(db => db.AuditEntries.Where(a => a.SubjectId == key).Select(a => a.Action).ToListAsync());
        Assert.Equal(["entry.assess", "entry.assess", "entry.claim", "entry.gap", "entry.message", "entry.message", "entry.publish"], actions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_thread_is_for_the_owning_organisation_and_curators_only()
    {
        var (id, _) = await SubmittedEntryAsync("Private conversation");
        var thread = $"/conversation/{id}";
        await CreateOtherMemberAsync();

        using (var anonymous = await hub.Browser().GetAsync(new Uri(thread, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        }

        var other = hub.Browser();
        await other.SignInAsync(OtherMemberEmail, IdentityHubFactory.DemoPassword);
        using (var refused = await other.GetAsync(new Uri(thread, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.DoesNotContain("Private conversation", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var posted = await other.SubmitAsync("/account/profile", new Dictionary<string, string> { ["Message"] = "Let me in" }, thread + "?handler=Message"))
        {
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }

        var member = hub.Browser();
        await member.SignInAsync("member@example.org", IdentityHubFactory.DemoPassword);
        using (var curatorPage = await member.GetAsync(new Uri($"/curate/entries/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, curatorPage.StatusCode);
        }

        foreach (var email in new[] { "member@example.org", "curator@example.org", "admin@example.org" })
        {
            var browser = hub.Browser();
            await browser.SignInAsync(email, IdentityHubFactory.DemoPassword);
            using var page = await browser.GetAsync(new Uri(thread, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        Assert.Empty(await WithDbAsync(db => db.EntryMessages.Where(m => m.EntryId == id).ToListAsync()));

        // Once the entry is public, everyone may read the entry, but its conversation stays the organisation's and the curators'.
        await WithDbAsync(db => db.Entries.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EntryStatus.Published)));
        using (var stillRefused = await other.GetAsync(new Uri(thread, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, stillRefused.StatusCode);
        }
    }

    private static Dictionary<string, string> AssessmentForm(AssessmentRubric rubric, int score)
    {
        var form = new Dictionary<string, string> { ["Evidence"] = "PubliclyDocumented", ["OverallComment"] = "Well documented." };
        foreach (var criterion in rubric.Criteria)
        {
            form[$"Score[{criterion.Key}]"] = score.ToString(System.Globalization.CultureInfo.InvariantCulture);
            form[$"ScoreComment[{criterion.Key}]"] = $"Scored {score}.";
        }

        return form;
    }

    /// <summary>A post that must succeed: the page redirects back to itself.</summary>
    private static async Task PostAsync(HttpClient browser, string page, string handler, Dictionary<string, string> fields)
    {
        using var response = await browser.SubmitAsync(page, fields, $"{page}?handler={handler}");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<(Guid Id, string Slug)> SubmittedEntryAsync(string title)
    {
        var organization = await hub.DemoOrganizationIdAsync();
        var slug = "assess-" + Guid.NewGuid().ToString("N")[..10];
        var id = Guid.NewGuid();
        await WithDbAsync(async db =>
        {
            var entry = new UseCase
            {
                Id = id,
                Pid = "UC-2026-" + Random.Shared.Next(60000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Slug = slug,
                Title = title,
                Summary = "An entry waiting for its assessment.",
                Body = "Body.",
                Status = EntryStatus.Submitted,
                OrganizationId = organization,
            };
            entry.Sdgs.Add(await db.SdgGoals.SingleAsync(g => g.Number == 14));
            entry.Verticals.Add(await db.Verticals.SingleAsync(v => v.Slug == "water"));
            db.Add(entry);
            return await db.SaveChangesAsync();
        });
        return (id, slug);
    }

    private async Task CreateOtherMemberAsync()
    {
        await hub.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<HubUser>>();
            if (await users.FindByEmailAsync(OtherMemberEmail) is not null)
            {
                return 0;
            }

            var db = services.GetRequiredService<HubDbContext>();
            var organization = await db.Organizations.Where(o => o.Slug == "fixture-utility").Select(o => o.Id).SingleAsync();
            var user = new HubUser
            {
                UserName = OtherMemberEmail,
                Email = OtherMemberEmail,
                EmailConfirmed = true,
                DisplayName = "Other member",
                OrganizationId = organization,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            Assert.True((await users.CreateAsync(user, IdentityHubFactory.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, HubRoles.Member)).Succeeded);
            return 0;
        });
    }

    private Task<EntryStatus> StatusAsync(Guid id) => WithDbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.Status).SingleAsync());

    private Task<T> WithDbAsync<T>(Func<HubDbContext, Task<T>> work) => hub.WithScopeAsync(services => work(services.GetRequiredService<HubDbContext>()));
}
