using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Notifications;

namespace UseCaseHub.Web.Curation;

/// <summary>What a notification says, in the reader's language: one sentence per kind, for the inbox and the mail alike.</summary>
public static class NotificationTexts
{
    public static string Sentence(IStringLocalizer<SharedResource> text, Notification notification)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(notification);
        var subject = notification.Subject;
        return notification.Kind switch
        {
            "entry.submit" => text["{0} was submitted for assessment.", subject],
            "entry.claim" => text["{0} is now being assessed by a curator.", subject],
            "entry.publish" => text["{0} was published.", subject],
            "entry.return" => text["{0} was returned to you for revision.", subject],
            "entry.reject" => text["{0} was rejected.", subject],
            AuditActions.EntryMessage => text["New message about {0}.", subject],
            AuditActions.EntryReassign => text["{0} was assigned to you for assessment.", subject],
            AuditActions.RevalidationDue => text["Is {0} still deployed? Please confirm it, or revise the entry.", subject],
            AuditActions.RevalidationOverdue => text["Nobody confirmed {0} is still deployed: please check it.", subject],
            _ => text["{0} changed.", subject],
        };
    }
}
