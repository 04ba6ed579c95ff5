using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Core.Assessments;

/// <summary>
/// A standardisation gap a curator noted while assessing an entry: what is missing, and the Recommendations (or other
/// standards) that would apply. Sealed with the round's assessments by the decision, and public with them, so SG20
/// can aggregate gaps across entries.
/// </summary>
public sealed class StandardisationGap : ISealedEntryRecord
{
    public Guid Id { get; set; }

    public Guid EntryId { get; set; }

    public Entry Entry { get; set; } = null!;

    public string Text { get; set; } = "";

    public List<Standard> Standards { get; set; } = [];

    public string CuratorId { get; set; } = "";

    public string CuratorName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SealedAt { get; set; }
}
