namespace UseCaseHub.Web.Curation;

/// <summary>
/// The clock of the curation workflow (queue ages, re-validation, mail retries), kept apart from the host's own
/// <see cref="TimeProvider"/> so a test can move it years ahead without expiring sign-in cookies or Identity tokens.
/// </summary>
public sealed class WorkflowClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public DateTimeOffset GetUtcNow() => Time.GetUtcNow();
}
