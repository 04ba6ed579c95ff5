using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Web.Curation;

/// <summary>How the queued notification mail is sent (section <c>Notifications</c>).</summary>
public sealed class NotificationMailOptions
{
    public const string Section = "Notifications";

    /// <summary>How often the worker looks for mail due, besides waking when a save queues some.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 30;

    /// <summary>The first retry waits this long; each further one twice as long, up to <see cref="MaxRetryMinutes"/>.</summary>
    [Range(1, 3600)]
    public int RetrySeconds { get; set; } = 60;

    /// <summary>The longest wait between retries. A mail is never dropped: it waits in the store until it goes.</summary>
    [Range(1, 1440)]
    public int MaxRetryMinutes { get; set; } = 60;

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Whether the background worker sends; off, the queue waits for whoever calls <see cref="NotificationMailer"/> (tests).</summary>
    public bool SendInBackground { get; set; } = true;
}
