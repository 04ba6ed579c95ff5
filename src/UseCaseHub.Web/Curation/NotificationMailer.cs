using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Notifications;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Identity;
using UseCaseHub.Web.Identity.Mail;
using UseCaseHub.Web.Localization;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Curation;

/// <summary>
/// Sends the notification mail queued in the store. A send that fails stays Pending with a later attempt time
/// (doubling up to <see cref="NotificationMailOptions.MaxRetryMinutes"/>), so a mail server outage delays mail and loses
/// none. Whether a person still wants mail is checked again at sending: turning mail off stops mail already queued.
/// </summary>
public sealed class NotificationMailer(
    HubDbContext db, IHubMailSender sender, IStringLocalizer<SharedResource> text, IOptions<SiteOptions> site,
    IOptions<NotificationMailOptions> options, WorkflowClock clock, IServer server, ILogger<NotificationMailer> logger,
    AccountLanguage languages)
{
    /// <summary>Sends every mail due now (one batch); returns how many went and how many failed.</summary>
    public async Task<(int Sent, int Failed)> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var due = await db.Notifications
            .Where(n => n.Mail == MailState.Pending && n.MailNextAttemptAt <= now)
            .OrderBy(n => n.MailNextAttemptAt).ThenBy(n => n.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return (0, 0);
        }

        var ids = due.Select(n => n.RecipientId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.NotificationMailOff }).ToDictionaryAsync(u => u.Id, cancellationToken);
        // Each mail in its recipient's language when the account has one; the hub's default language otherwise.
        var spoken = (await db.UserClaims.AsNoTracking()
                .Where(c => ids.Contains(c.UserId) && c.ClaimType == AccountLanguage.ClaimType)
                .Select(c => new { c.UserId, c.ClaimValue }).ToListAsync(cancellationToken))
            .GroupBy(c => c.UserId).ToDictionary(g => g.Key, g => g.First().ClaimValue);
        var baseUri = site.Value.PublicBaseOr(FallbackBase());
        var (sent, failed) = (0, 0);
        foreach (var notification in due)
        {
            if (!people.TryGetValue(notification.RecipientId, out var person) || person.Email is null || person.NotificationMailOff)
            {
                notification.Mail = MailState.None;
                notification.MailNextAttemptAt = null;
            }
            else
            {
                try
                {
                    string subject, body;
                    using (UiCulture.Use(languages.Culture(spoken.GetValueOrDefault(notification.RecipientId)) ?? languages.Default))
                    {
                        var sentence = NotificationTexts.Sentence(text, notification);
                        body = string.Join("\n\n", new[]
                        {
                            sentence,
                            notification.Note,
                            new Uri(baseUri, notification.Path.TrimStart('/')).AbsoluteUri,
                            text["You can turn these mails off on your profile: {0}", new Uri(baseUri, "account/profile").AbsoluteUri].Value,
                        }.Where(p => !string.IsNullOrWhiteSpace(p)));
                        // A subject is one line: an entry title with a line break would make every attempt fail.
                        subject = new string([.. text["UseCaseHub: {0}", sentence].Value.Select(c => char.IsControl(c) ? ' ' : c)]);
                    }

                    await sender.SendAsync(person.Email, subject, body, cancellationToken);
                    notification.Mail = MailState.Sent;
                    notification.MailSentAt = now;
                    notification.MailNextAttemptAt = null;
                    notification.MailLastError = null;
                    sent++;
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // Kept in the queue: the next attempt waits longer, but the mail is never given up.
                    notification.MailAttempts++;
                    var wait = TimeSpan.FromSeconds(settings.RetrySeconds * Math.Pow(2, Math.Min(notification.MailAttempts - 1, 20)));
                    var longest = TimeSpan.FromMinutes(settings.MaxRetryMinutes);
                    notification.MailNextAttemptAt = now + (wait < longest ? wait : longest);
                    notification.MailLastError = error.Message.Length > 1000 ? error.Message[..1000] : error.Message;
                    logger.LogWarning(error, "Notification mail {Id} failed (attempt {Attempts}); retrying at {Next}", notification.Id,
                        notification.MailAttempts, notification.MailNextAttemptAt);
                    failed++;
                }
            }

            // One save per mail: a crash after a send re-sends at most that one.
            await db.SaveChangesAsync(cancellationToken);
        }

        return (sent, failed);
    }

    /// <summary>Only used when Site:PublicBaseUrl is empty (Development, Testing): the address the server listens on.</summary>
    private Uri FallbackBase()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is not null && Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri
            : new Uri("http://localhost/");
    }
}
