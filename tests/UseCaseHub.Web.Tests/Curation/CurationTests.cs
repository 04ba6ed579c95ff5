using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Notifications;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;
using UseCaseHub.Web.Curation;
using UseCaseHub.Web.Tests.Identity;

namespace UseCaseHub.Web.Tests.Curation;

/// <summary>
/// The curators' queue (/curate), assignment, notifications (inbox and queued mail) and re-validation, through the real
/// host and store. Demo accounts: member@ (Member), curator@ (Member and Curator) and admin@ (Member and Admin), all of the
/// demo organisation; curator2@ is a curator of no organisation.
/// </summary>
public sealed partial class CurationTests(CurationHubFactory hub) : IClassFixture<CurationHubFactory>
{
    private const string Member = "member@example.org";
    private const string Curator = "curator@example.org";
    private const string Admin = "admin@example.org";

    [GeneratedRegex("data-state=\"(\\w+)\">(\\d+)<")]
    private static partial Regex StateCount();

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var browser = hub.Browser();
        await browser.SignInAsync(email, IdentityHubFactory.DemoPassword);
        return browser;
    }

    /// <summary>The same people, in any order (each notification once per person and event).</summary>
    private static void SamePeople(IEnumerable<string> expected, IEnumerable<string> actual) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));

    private static Dictionary<string, string> Counts(string html) =>
        StateCount().Matches(html).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    private static Dictionary<string, string> Form(Guid entryId, Guid? curatorId = null)
    {
        var form = new Dictionary<string, string> { ["entryId"] = entryId.ToString() };
        if (curatorId is { } id)
        {
            form["curatorId"] = id.ToString();
        }

        return form;
    }

    /// <summary>Runs a workflow move as a door does: the move, its audit record, one save.</summary>
    private Task<int> MoveAsync(Guid entryId, Actor actor, AuditActor who, Func<Entry, Actor, DateTimeOffset, EntryTransition> move) =>
        hub.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var entry = await db.Entries.Include(e => e.Verticals).Include(e => e.Sdgs).SingleAsync(e => e.Id == entryId);
            db.Audit(who, move(entry, actor, hub.Clock.GetUtcNow()), entry);
            return await db.SaveChangesAsync();
        });

    private async Task<(Actor Actor, AuditActor Who)> ActorAsync(string email, ActorRole role, Guid? organization = null)
    {
        var id = (await hub.UserIdAsync(email)).ToString();
        return (new Actor(role, organization, id), new AuditActor(id, email, role.ToString()));
    }

    [Fact]
    public async Task The_queue_counts_per_state_filters_by_vertical_region_sdg_and_mine_oldest_first_and_marks_overdue()
    {
        // SDG 13 is only on this test's entries, so the counts under ?sdg=13 are exact.
        var now = hub.Clock.GetUtcNow();
        var curator = (await hub.UserIdAsync(Curator)).ToString();
        var old = await hub.AddEntryAsync(EntryStatus.Submitted, now.AddDays(-10), sdg: 13, vertical: "water", country: "KE");
        var fresh = await hub.AddEntryAsync(EntryStatus.Submitted, now.AddDays(-1), sdg: 13, vertical: "agriculture", country: "FJ");
        var mine = await hub.AddEntryAsync(EntryStatus.UnderAssessment, now.AddDays(-2), sdg: 13, vertical: "agriculture", assignedTo: curator);
        var returned = await hub.AddEntryAsync(EntryStatus.ReturnedForRevision, now.AddDays(-30), sdg: 13);
        var draft = await hub.AddEntryAsync(EntryStatus.Draft, now.AddDays(-40), sdg: 13);
        var browser = await SignedInAsync(Curator);

        var html = await browser.GetStringAsync(new Uri("/curate?sdg=13", UriKind.Relative));
        Assert.Equal(new Dictionary<string, string> { ["Submitted"] = "2", ["UnderAssessment"] = "1", ["ReturnedForRevision"] = "1" }, Counts(html));
        Assert.DoesNotContain(draft.Id.ToString(), html, StringComparison.Ordinal);
        // Oldest first; only the curators' own states go overdue (5 days here).
        var order = new[] { returned, old, mine, fresh }.Select(e => html.IndexOf($"data-entry=\"{e.Id}\"", StringComparison.Ordinal)).ToList();
        Assert.All(order, i => Assert.True(i > 0));
        Assert.Equal(order.Order(), order);
        Assert.Contains($"class=\"overdue\" data-entry=\"{old.Id}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"class=\"overdue\" data-entry=\"{fresh.Id}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"class=\"overdue\" data-entry=\"{returned.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/curate/entries/{old.Id}\"", html, StringComparison.Ordinal);

        var water = await browser.GetStringAsync(new Uri("/curate?sdg=13&vertical=water", UriKind.Relative));
        Assert.Equal(new Dictionary<string, string> { ["Submitted"] = "1", ["UnderAssessment"] = "0", ["ReturnedForRevision"] = "0" }, Counts(water));
        Assert.Contains(old.Id.ToString(), water, StringComparison.Ordinal);
        Assert.DoesNotContain(fresh.Id.ToString(), water, StringComparison.Ordinal);

        // Eastern Africa (014) holds Kenya, not Fiji.
        var africa = await browser.GetStringAsync(new Uri("/curate?sdg=13&region=014", UriKind.Relative));
        Assert.Contains(old.Id.ToString(), africa, StringComparison.Ordinal);
        Assert.DoesNotContain(fresh.Id.ToString(), africa, StringComparison.Ordinal);

        var onlyMine = await browser.GetStringAsync(new Uri("/curate?sdg=13&mine=true", UriKind.Relative));
        Assert.Contains(mine.Id.ToString(), onlyMine, StringComparison.Ordinal);
        Assert.DoesNotContain(old.Id.ToString(), onlyMine, StringComparison.Ordinal);

        var submitted = await browser.GetStringAsync(new Uri("/curate?sdg=13&state=Submitted", UriKind.Relative));
        Assert.Contains(fresh.Id.ToString(), submitted, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-entry=\"{mine.Id}\"", submitted, StringComparison.Ordinal);
        // The counts stay those of every state.
        Assert.Equal("1", Counts(submitted)["UnderAssessment"]);
    }

    [Fact]
    public async Task The_queue_is_for_curators_and_admins_and_a_member_cannot_claim()
    {
        var entry = await hub.AddEntryAsync(EntryStatus.Submitted, hub.Clock.GetUtcNow());
        using (var anonymous = await hub.Browser().GetAsync(new Uri("/curate", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        }

        var member = await SignedInAsync(Member);
        using (var page = await member.GetAsync(new Uri("/curate", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        }

        // The member's own antiforgery token (from its profile page) gets it past the token check, not the policy.
        using (var claim = await member.SubmitAsync("/account/profile", Form(entry.Id), "/curate?handler=Claim"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, claim.StatusCode);
        }

        Assert.Equal(EntryStatus.Submitted, (await hub.EntryAsync(entry.Id)).Status);
        foreach (var email in new[] { Curator, Admin })
        {
            using var page = await (await SignedInAsync(email)).GetAsync(new Uri("/curate", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }

    [Fact]
    public async Task A_curator_claims_on_the_dashboard_the_claim_is_assigned_audited_and_notified_to_the_members()
    {
        var entry = await hub.AddEntryAsync(EntryStatus.Submitted, hub.Clock.GetUtcNow());
        var curator = await hub.UserIdAsync(Curator);
        var browser = await SignedInAsync(Curator);

        using (var claim = await browser.SubmitAsync("/curate", Form(entry.Id), "/curate?handler=Claim"))
        {
            Assert.Equal(HttpStatusCode.Redirect, claim.StatusCode);
        }

        var claimed = await hub.EntryAsync(entry.Id);
        Assert.Equal(EntryStatus.UnderAssessment, claimed.Status);
        Assert.Equal(curator.ToString(), claimed.AssignedCuratorId);
        Assert.Single(await hub.AuditAsync(entry.Id, "entry.claim"));
        // The owning organisation's members, not the curator who acted.
        SamePeople([Admin, Member], (await hub.NotifiedAsync(entry.Id, "entry.claim")).Select(n => n.Email));

        // Claiming again is refused with the reason, never a silent no-op.
        using var again = await browser.SubmitAsync("/curate", Form(entry.Id), "/curate?handler=Claim");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("UnderAssessment", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_admin_reassigns_another_curator_cannot_and_the_holder_releases()
    {
        var curator = await hub.UserIdAsync(Curator);
        var second = await hub.SecondCuratorIdAsync();
        var member = await hub.UserIdAsync(Member);
        var entry = await hub.AddEntryAsync(EntryStatus.UnderAssessment, hub.Clock.GetUtcNow(), assignedTo: curator.ToString());
        var other = await SignedInAsync(CurationHubFactory.SecondCurator);

        foreach (var handler in new[] { "Reassign", "Release" })
        {
            using var refused = await other.SubmitAsync("/curate", Form(entry.Id, second), $"/curate?handler={handler}");
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        Assert.Equal(curator.ToString(), (await hub.EntryAsync(entry.Id)).AssignedCuratorId);

        var admin = await SignedInAsync(Admin);
        using (var toMember = await admin.SubmitAsync("/curate", Form(entry.Id, member), "/curate?handler=Reassign"))
        {
            Assert.Equal(HttpStatusCode.Conflict, toMember.StatusCode);
        }

        using (var reassigned = await admin.SubmitAsync("/curate", Form(entry.Id, second), "/curate?handler=Reassign"))
        {
            Assert.Equal(HttpStatusCode.Redirect, reassigned.StatusCode);
        }

        Assert.Equal(second.ToString(), (await hub.EntryAsync(entry.Id)).AssignedCuratorId);
        var audit = Assert.Single(await hub.AuditAsync(entry.Id, AuditActions.EntryReassign));
        Assert.Equal($$"""{"from":"{{curator}}","to":"{{second}}"}""", audit.Details);
        SamePeople([CurationHubFactory.SecondCurator], (await hub.NotifiedAsync(entry.Id, AuditActions.EntryReassign)).Select(n => n.Email));

        using (var released = await other.SubmitAsync("/curate", Form(entry.Id), "/curate?handler=Release"))
        {
            Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        }

        Assert.Null((await hub.EntryAsync(entry.Id)).AssignedCuratorId);
        Assert.Single(await hub.AuditAsync(entry.Id, AuditActions.EntryRelease));

        // Free again: a curator may take it, for themselves.
        var first = await SignedInAsync(Curator);
        using (var taken = await first.SubmitAsync("/curate", Form(entry.Id, curator), "/curate?handler=Reassign"))
        {
            Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        }

        Assert.Equal(curator.ToString(), (await hub.EntryAsync(entry.Id)).AssignedCuratorId);
    }

    [Fact]
    public async Task Each_event_notifies_the_right_people_and_never_the_one_who_acted()
    {
        var organization = await hub.DemoOrganizationIdAsync();
        await hub.SecondCuratorIdAsync();
        var (member, memberWho) = await ActorAsync(Member, ActorRole.Member, organization);
        var (curator, curatorWho) = await ActorAsync(Curator, ActorRole.Curator);
        // Submitting needs a summary, a vertical and an SDG (the rulebook).
        var entry = await hub.AddEntryAsync(EntryStatus.Draft, hub.Clock.GetUtcNow(), sdg: 6, vertical: "water");
        var subject = entry.Id;
        string[] curators = [Curator, CurationHubFactory.SecondCurator];
        string[] membersButCurator = [Admin, Member];

        await MoveAsync(subject, member, memberWho, EntryWorkflow.Submit);
        SamePeople(curators, (await hub.NotifiedAsync(subject, "entry.submit")).Select(n => n.Email));

        await MoveAsync(subject, curator, curatorWho, EntryWorkflow.Claim);
        SamePeople(membersButCurator, (await hub.NotifiedAsync(subject, "entry.claim")).Select(n => n.Email));

        // A member's message goes to the assigned curator only; a curator's to the organisation's members.
        await hub.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var e = await db.Entries.SingleAsync(x => x.Id == subject);
            db.Audit(memberWho, AuditActions.EntryMessage, e, "A question");
            return await db.SaveChangesAsync();
        });
        SamePeople([Curator], (await hub.NotifiedAsync(subject, AuditActions.EntryMessage)).Select(n => n.Email));

        await MoveAsync(subject, curator, curatorWho, (e, a, now) => EntryWorkflow.Decide(e, a, Decision.Return, now, "Please add the standards."));
        var returned = await hub.NotifiedAsync(subject, "entry.return");
        Assert.Equal(membersButCurator, returned.Select(n => n.Email));
        Assert.All(returned, n => Assert.Equal("Please add the standards.", n.Row.Note));

        // The resubmission goes back to the curator holding it, not to every curator.
        await MoveAsync(subject, member, memberWho, EntryWorkflow.Submit);
        SamePeople([.. curators, Curator], (await hub.NotifiedAsync(subject, "entry.submit")).Select(n => n.Email));

        await hub.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var e = await db.Entries.SingleAsync(x => x.Id == subject);
            db.Audit(curatorWho, AuditActions.EntryMessage, e, "An answer");
            return await db.SaveChangesAsync();
        });
        SamePeople([Admin, Curator, Member], (await hub.NotifiedAsync(subject, AuditActions.EntryMessage)).Select(n => n.Email));

        // Claim again (Submitted), then publish: members learn it, with a link to the public page.
        await hub.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var e = await db.Entries.SingleAsync(x => x.Id == subject);
            db.Audit(curatorWho, EntryWorkflow.Claim(e, curator, hub.Clock.GetUtcNow()), e);
            db.Audit(curatorWho, EntryWorkflow.Decide(e, curator, Decision.Publish, hub.Clock.GetUtcNow()), e);
            return await db.SaveChangesAsync();
        });
        var published = await hub.NotifiedAsync(subject, "entry.publish");
        Assert.Equal(membersButCurator, published.Select(n => n.Email));
        Assert.All(published, n => Assert.Equal(entry.Path, n.Row.Path));

        // A failed save notifies nobody: the notifications are in the same transaction as the audit record.
        var before = (await hub.NotifiedAsync(subject, "entry.reject")).Count;
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => hub.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var e = await db.Entries.SingleAsync(x => x.Id == subject);
            db.Audit(curatorWho, AuditActions.For(EntryOperation.Reject), e, "x");
            db.Add(new UseCase { Id = Guid.NewGuid(), Pid = e.Pid, Slug = "duplicate-pid-" + Guid.NewGuid().ToString("N")[..6], Title = "dup" });
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(before, (await hub.NotifiedAsync(subject, "entry.reject")).Count);
    }

    [Fact]
    public async Task A_failed_mail_is_kept_and_retried_later_until_it_goes_and_the_inbox_has_it_meanwhile()
    {
        var curator = await hub.UserIdAsync(Curator);
        var (_, memberWho) = await ActorAsync(Member, ActorRole.Member, await hub.DemoOrganizationIdAsync());
        var entry = await hub.AddEntryAsync(EntryStatus.UnderAssessment, hub.Clock.GetUtcNow(), assignedTo: curator.ToString());
        // Whatever earlier tests queued goes first, with the mail server up.
        hub.Mail.FailuresLeft = 0;
        while ((await hub.SendMailAsync()).Sent > 0)
        {
        }

        hub.Mail.FailuresLeft = 2;
        await hub.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var e = await db.Entries.SingleAsync(x => x.Id == entry.Id);
            db.Audit(memberWho, AuditActions.EntryMessage, e, "Is this clear?");
            return await db.SaveChangesAsync();
        });
        var row = Assert.Single(await hub.NotifiedAsync(entry.Id, AuditActions.EntryMessage)).Row;
        Assert.Equal(MailState.Pending, row.Mail);

        Assert.Equal((0, 1), await hub.SendMailAsync());
        row = Assert.Single(await hub.NotifiedAsync(entry.Id, AuditActions.EntryMessage)).Row;
        Assert.Equal((MailState.Pending, 1), (row.Mail, row.MailAttempts));
        Assert.Contains("mail server down", row.MailLastError, StringComparison.Ordinal);
        // Not before its retry time...
        Assert.Equal((0, 0), await hub.SendMailAsync());
        hub.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal((0, 1), await hub.SendMailAsync());
        hub.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal((0, 0), await hub.SendMailAsync());
        hub.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal((1, 0), await hub.SendMailAsync());

        row = Assert.Single(await hub.NotifiedAsync(entry.Id, AuditActions.EntryMessage)).Row;
        Assert.Equal((MailState.Sent, 2), (row.Mail, row.MailAttempts));
        var mail = Assert.Single(hub.Mail.Delivered, m => m.Text.Contains($"/curate/entries/{entry.Id}", StringComparison.Ordinal));
        Assert.Equal(Curator, mail.To);
        Assert.Contains("Is this clear?", mail.Text, StringComparison.Ordinal);
        Assert.Matches($"https?://[^/\\s]+/curate/entries/{entry.Id}", mail.Text);
        Assert.Contains("/account/profile", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turning_mail_off_on_the_profile_stops_mail_even_already_queued_but_keeps_the_inbox()
    {
        var second = await hub.SecondCuratorIdAsync();
        var browser = await SignedInAsync(CurationHubFactory.SecondCurator);
        hub.Mail.FailuresLeft = 0;
        while ((await hub.SendMailAsync()).Sent > 0)
        {
        }

        // Queued while mail is on...
        var organization = await hub.DemoOrganizationIdAsync();
        var (_, memberWho) = await ActorAsync(Member, ActorRole.Member, organization);
        var queued = await hub.AddEntryAsync(EntryStatus.UnderAssessment, hub.Clock.GetUtcNow());
        await hub.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var e = await db.Entries.SingleAsync(x => x.Id == queued.Id);
            db.Audit(memberWho, AuditActions.EntryMessage, e, "Anyone?");
            return await db.SaveChangesAsync();
        });
        Assert.Equal(MailState.Pending, (await hub.NotifiedAsync(queued.Id, AuditActions.EntryMessage)).Single(n => n.Email == CurationHubFactory.SecondCurator).Row.Mail);

        // ...then mail turned off on the profile page (the checkbox unticked posts only its hidden "false").
        using (var saved = await browser.SubmitAsync("/account/profile",
            new Dictionary<string, string> { ["DisplayName"] = "Second Curator", ["MailNotifications"] = "false" }, "/account/profile?handler=Save"))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        Assert.True(await hub.WithScopeAsync(services => services.GetRequiredService<HubDbContext>().Users.Where(u => u.Id == second).Select(u => u.NotificationMailOff).SingleAsync()));
        var later = await hub.AddEntryAsync(EntryStatus.UnderAssessment, hub.Clock.GetUtcNow());
        await hub.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var e = await db.Entries.SingleAsync(x => x.Id == later.Id);
            db.Audit(memberWho, AuditActions.EntryMessage, e, "Anyone now?");
            return await db.SaveChangesAsync();
        });
        Assert.Equal(MailState.None, (await hub.NotifiedAsync(later.Id, AuditActions.EntryMessage)).Single(n => n.Email == CurationHubFactory.SecondCurator).Row.Mail);

        while ((await hub.SendMailAsync()).Sent > 0)
        {
        }

        Assert.DoesNotContain(hub.Mail.Delivered, m => m.To == CurationHubFactory.SecondCurator && (m.Text.Contains(queued.Id.ToString(), StringComparison.Ordinal) || m.Text.Contains(later.Id.ToString(), StringComparison.Ordinal)));
        // Curator (mail on) got both.
        Assert.Contains(hub.Mail.Delivered, m => m.To == Curator && m.Text.Contains(later.Id.ToString(), StringComparison.Ordinal));
        var inbox = await browser.GetStringAsync(new Uri("/inbox", UriKind.Relative));
        Assert.Contains(queued.Title, inbox, StringComparison.Ordinal);
        Assert.Contains(later.Title, inbox, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inbox_shows_its_own_rows_counts_unread_in_the_header_and_marks_them_read()
    {
        var (_, curatorWho) = await ActorAsync(Curator, ActorRole.Curator);
        var entry = await hub.AddEntryAsync(EntryStatus.UnderAssessment, hub.Clock.GetUtcNow());
        await hub.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var e = await db.Entries.SingleAsync(x => x.Id == entry.Id);
            db.Audit(curatorWho, AuditActions.EntryMessage, e, "Please add a source.");
            return await db.SaveChangesAsync();
        });
        var member = await SignedInAsync(Member);
        var html = await member.GetStringAsync(new Uri("/inbox", UriKind.Relative));
        Assert.Contains($"New message about {entry.Pid} {entry.Title}.", html, StringComparison.Ordinal);
        Assert.Contains("Please add a source.", html, StringComparison.Ordinal);
        Assert.Matches("class=\"unread-count\"[^>]*>[1-9]", html);

        var mine = (await hub.NotifiedAsync(entry.Id, AuditActions.EntryMessage)).Single(n => n.Email == Member).Row;
        var theirs = (await hub.NotifiedAsync(entry.Id, AuditActions.EntryMessage)).Single(n => n.Email == Admin).Row;
        // Marking someone else's row read changes nothing.
        using (await member.SubmitAsync("/inbox", new Dictionary<string, string> { ["id"] = theirs.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/inbox?handler=Read"))
        {
        }

        Assert.Null((await hub.NotifiedAsync(entry.Id, AuditActions.EntryMessage)).Single(n => n.Email == Admin).Row.ReadAt);
        Assert.DoesNotContain($"value=\"{theirs.Id}\"", html, StringComparison.Ordinal);

        using (var read = await member.SubmitAsync("/inbox", new Dictionary<string, string> { ["id"] = mine.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/inbox?handler=Read"))
        {
            Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        }

        Assert.NotNull((await hub.NotifiedAsync(entry.Id, AuditActions.EntryMessage)).Single(n => n.Email == Member).Row.ReadAt);
        using (await member.SubmitAsync("/inbox", new Dictionary<string, string>(), "/inbox?handler=ReadAll"))
        {
        }

        Assert.Contains("class=\"unread-count\" aria-label=\"unread notifications\">0<", await member.GetStringAsync(new Uri("/inbox", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revalidation_asks_the_owners_once_hands_unanswered_ones_to_curators_once_and_a_confirmation_restarts_the_period()
    {
        await hub.SecondCuratorIdAsync();
        var now = hub.Clock.GetUtcNow();
        var stale = await hub.AddEntryAsync(EntryStatus.Published, now.AddDays(-800), publishedAt: now.AddDays(-800));
        var recent = await hub.AddEntryAsync(EntryStatus.Published, now.AddDays(-100), publishedAt: now.AddDays(-100));
        Task<RevalidationRunnerResult> ScanAsync() => hub.WithScopeAsync(async services =>
        {
            var report = await services.GetRequiredService<RevalidationRunner>().RunAsync();
            return new RevalidationRunnerResult([.. report.Due.Select(e => e.Id)], [.. report.Overdue.Select(e => e.Id)]);
        });

        var first = await ScanAsync();
        Assert.Contains(stale.Id, first.Due);
        Assert.DoesNotContain(recent.Id, first.Due);
        SamePeople([Admin, Curator, Member], (await hub.NotifiedAsync(stale.Id, AuditActions.RevalidationDue)).Select(n => n.Email));

        // Idempotent: nothing twice.
        var second = await ScanAsync();
        Assert.Empty(second.Due);
        Assert.Empty(second.Overdue);
        Assert.Equal(3, (await hub.NotifiedAsync(stale.Id, AuditActions.RevalidationDue)).Count);
        Assert.Single(await hub.AuditAsync(stale.Id, AuditActions.RevalidationDue));

        // After the grace period, the curators.
        hub.Clock.Advance(TimeSpan.FromDays(61));
        var third = await ScanAsync();
        Assert.Contains(stale.Id, third.Overdue);
        SamePeople([Curator, CurationHubFactory.SecondCurator], (await hub.NotifiedAsync(stale.Id, AuditActions.RevalidationOverdue)).Select(n => n.Email));
        Assert.Empty((await ScanAsync()).Overdue);
        Assert.Equal(2, (await hub.NotifiedAsync(stale.Id, AuditActions.RevalidationOverdue)).Count);
        var dashboard = await (await SignedInAsync(Curator)).GetStringAsync(new Uri("/curate", UriKind.Relative));
        Assert.Contains(stale.Title, dashboard, StringComparison.Ordinal);

        // Only the owner's side confirms: a curator of no organisation may not, for the demo organisation's entry.
        var outsider = await SignedInAsync(CurationHubFactory.SecondCurator);
        using (var refused = await outsider.SubmitAsync("/inbox", new Dictionary<string, string> { ["entryId"] = stale.Id.ToString() }, "/inbox?handler=Confirm"))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        var member = await SignedInAsync(Member);
        var inbox = await member.GetStringAsync(new Uri("/inbox", UriKind.Relative));
        Assert.Contains($"Is {stale.Pid} {stale.Title} still deployed?", inbox, StringComparison.Ordinal);
        using (var confirmed = await member.SubmitAsync("/inbox", new Dictionary<string, string> { ["entryId"] = stale.Id.ToString() }, "/inbox?handler=Confirm"))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        Assert.True((await hub.EntryAsync(stale.Id)).LastConfirmedAt > now.AddDays(60), "confirmed at the workflow clock's now");
        Assert.Single(await hub.AuditAsync(stale.Id, AuditActions.EntryConfirm));
        Assert.DoesNotContain(stale.Id, (await ScanAsync()).Due);
        Assert.DoesNotContain(stale.Title, await (await SignedInAsync(Curator)).GetStringAsync(new Uri("/curate", UriKind.Relative)), StringComparison.Ordinal);

        // A full period after the confirmation, the question comes back.
        hub.Clock.Advance(TimeSpan.FromDays(731));
        Assert.Contains(stale.Id, (await ScanAsync()).Due);
        Assert.Equal(6, (await hub.NotifiedAsync(stale.Id, AuditActions.RevalidationDue)).Count);
    }

    [Theory]
    [InlineData("Workflow:OverdueAfterDays", "0")]
    [InlineData("Workflow:RevalidateAfterDays", "5")]
    [InlineData("Notifications:RetrySeconds", "0")]
    public void A_bad_workflow_or_notification_setting_stops_the_start_naming_it(string key, string value)
    {
        using var bad = new IdentityHubFactory(new Dictionary<string, string?> { [key] = value });
        var error = Assert.ThrowsAny<Exception>(() => bad.CreateClient());
        Assert.Contains(key.Split(':')[1], error.ToString(), StringComparison.Ordinal);
    }

    private sealed record RevalidationRunnerResult(List<Guid> Due, List<Guid> Overdue);
}
