using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Core.Revalidation;

/// <summary>The curation workflow's clocks (section <c>Workflow</c>), validated at start.</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflow";

    /// <summary>An entry waiting in the curators' queue longer than this is highlighted as overdue.</summary>
    [Range(1, 365)]
    public int OverdueAfterDays { get; set; } = 14;

    /// <summary>A published entry not confirmed for this long is flagged to its owners: "still deployed?".</summary>
    [Range(30, 3650)]
    public int RevalidateAfterDays { get; set; } = 730;

    /// <summary>A flag the owners leave unanswered this long goes to the curators.</summary>
    [Range(1, 365)]
    public int RevalidationGraceDays { get; set; } = 60;

    /// <summary>How often the background scan runs; its first run waits this long after start too.</summary>
    [Range(1, 10080)]
    public int RevalidationScanMinutes { get; set; } = 360;
}
