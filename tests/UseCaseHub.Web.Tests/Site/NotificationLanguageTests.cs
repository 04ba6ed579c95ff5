using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Identity;
using UseCaseHub.Web.Tests.Curation;

namespace UseCaseHub.Web.Tests.Site;

/// <summary>Notification mail, sent by the background mailer with no request to follow, speaks its recipient's language.</summary>
public sealed class NotificationLanguageTests(CurationHubFactory hub) : IClassFixture<CurationHubFactory>
{
    [Fact]
    public async Task A_notification_mail_is_written_in_its_recipients_language_and_english_without_one()
    {
        var curator = await hub.UserIdAsync("curator@example.org");
        var member = await hub.UserIdAsync("member@example.org");
        await hub.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<HubUser>>();
            return await users.AddClaimAsync((await users.FindByIdAsync(curator.ToString()))!, new Claim(AccountLanguage.ClaimType, "fr"));
        });
        var entry = await hub.AddEntryAsync(EntryStatus.UnderAssessment, hub.Clock.GetUtcNow(), assignedTo: curator.ToString());
        hub.Mail.FailuresLeft = 0;
        await hub.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var e = await db.Entries.SingleAsync(x => x.Id == entry.Id);
            db.Audit(new AuditActor(member.ToString(), "member@example.org", "Member"), AuditActions.EntryMessage, e, "Est-ce clair ?");
            return await db.SaveChangesAsync();
        });
        while ((await hub.SendMailAsync()).Sent > 0)
        {
        }

        var mail = Assert.Single(hub.Mail.Delivered, m => m.Text.Contains($"/curate/entries/{entry.Id}", StringComparison.Ordinal));
        var said = InterfaceLanguageTests.Strings("fr")["New message about {0}."];
        var opening = said[..said.IndexOf("{0}", StringComparison.Ordinal)];
        Assert.Equal("curator@example.org", mail.To);
        Assert.StartsWith(opening, mail.Text, StringComparison.Ordinal);
        Assert.Contains(opening, mail.Subject, StringComparison.Ordinal);
        // Nobody else in this store chose a language: their mail stays in the hub's default, English.
        Assert.All(hub.Mail.Delivered.Where(m => m.To != "curator@example.org"),
            m => Assert.DoesNotContain(opening, m.Text, StringComparison.Ordinal));
    }
}
