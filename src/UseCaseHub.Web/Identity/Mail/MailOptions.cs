using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Web.Identity.Mail;

public enum MailDelivery
{
    /// <summary>Writes each message as an .eml file (development and tests).</summary>
    PickupDirectory,

    Smtp,
}

public sealed class MailOptions
{
    public const string Section = "Mail";

    public MailDelivery Delivery { get; set; } = MailDelivery.PickupDirectory;

    [Required]
    [EmailAddress]
    public string From { get; set; } = "no-reply@usecasehub.example";

    /// <summary>Relative to the data directory; empty means data/mail.</summary>
    public string? PickupDirectory { get; set; }

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    public bool SmtpEnableSsl { get; set; } = true;

    public string? SmtpUserName { get; set; }

    public string? SmtpPassword { get; set; }
}
