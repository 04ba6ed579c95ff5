using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Identity.Mail;

/// <summary>Sends the account mails (confirmation, password reset).</summary>
public interface IHubMailSender
{
    Task SendAsync(string recipient, string subject, string text, CancellationToken cancellationToken = default);
}

/// <summary>Plain-text mail over SMTP, or as .eml files in a pickup directory.</summary>
internal sealed class HubMailSender(IOptions<MailOptions> options, HubPaths paths) : IHubMailSender
{
    public string PickupDirectory { get; } = Path.GetFullPath(string.IsNullOrWhiteSpace(options.Value.PickupDirectory) ? "mail" : options.Value.PickupDirectory, paths.Data);

    public async Task SendAsync(string recipient, string subject, string text, CancellationToken cancellationToken = default)
    {
        var mail = options.Value;
        using var message = new MailMessage(mail.From, recipient, subject, text)
        {
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
            // Base64 keeps links whole: quoted-printable would fold them and escape every '='.
            BodyTransferEncoding = TransferEncoding.Base64,
        };
        using var client = new SmtpClient();
        if (mail.Delivery == MailDelivery.PickupDirectory)
        {
            Directory.CreateDirectory(PickupDirectory);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = PickupDirectory;
        }
        else
        {
            client.Host = mail.SmtpHost ?? throw new InvalidOperationException("Mail:SmtpHost is required when Mail:Delivery is Smtp.");
            client.Port = mail.SmtpPort;
            client.EnableSsl = mail.SmtpEnableSsl;
            if (!string.IsNullOrEmpty(mail.SmtpUserName))
            {
                client.Credentials = new NetworkCredential(mail.SmtpUserName, mail.SmtpPassword);
            }
        }

        await client.SendMailAsync(message, cancellationToken);
    }
}
