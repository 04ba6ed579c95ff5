namespace UseCaseHub.Core.Catalogue;

/// <summary>
/// Where an entry stands in the submission and assessment workflow. The moves between them, and who may make
/// each, are <see cref="Workflow.EntryWorkflow"/>'s; stored by name (a rename needs a migration).
/// </summary>
public enum EntryStatus
{
    Draft,
    Submitted,
    UnderAssessment,
    ReturnedForRevision,
    Published,
    Rejected,
    Withdrawn,

    /// <summary>No longer deployed: still public, marked as retired.</summary>
    Retired,
}

/// <summary>Facts about statuses that more than one door needs.</summary>
public static class EntryStatuses
{
    /// <summary>
    /// The statuses everyone may see: the one definition the site, the API's query filter and every search
    /// engine read (<see cref="Access.Visibility"/>).
    /// </summary>
    public static IReadOnlyList<EntryStatus> Public { get; } = [EntryStatus.Published, EntryStatus.Retired];

    public static bool IsPublic(this EntryStatus status) => Public.Contains(status);
}
