using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Assessments;

/// <summary>How well the entry's claims are backed, as the assessing curator judged it.</summary>
public enum EvidenceLevel
{
    /// <summary>Only the submitter's own statements.</summary>
    SelfReported,

    /// <summary>Public sources a reader can check (reports, data, press).</summary>
    PubliclyDocumented,

    /// <summary>Evaluated or audited by an independent party, or measured results published.</summary>
    IndependentlyVerified,
}

/// <summary>
/// One curator's assessment of one entry in one round: a score and a comment per criterion of the rubric, an evidence
/// level and an overall comment. Open (editable by its curator) until the decision seals it; sealed assessments are
/// kept as the record of the decision and are the only ones anyone but curators may see.
/// </summary>
public sealed class Assessment : ISealedEntryRecord
{
    public Guid Id { get; set; }

    public Guid EntryId { get; set; }

    public Entry Entry { get; set; } = null!;

    /// <summary>The entry's version when the assessment was last saved.</summary>
    public int EntryVersion { get; set; }

    /// <summary>The user id of the curator (or admin) who assessed.</summary>
    public string CuratorId { get; set; } = "";

    /// <summary>The curator as curators read it (the email at the time).</summary>
    public string CuratorName { get; set; } = "";

    public List<AssessmentScore> Scores { get; set; } = [];

    public EvidenceLevel EvidenceLevel { get; set; }

    public string Comment { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the decision sealed it (the decision's time, the same for the whole round); null while open.</summary>
    public DateTimeOffset? SealedAt { get; set; }

    /// <summary>The decision that sealed it: Publish, Return or Reject.</summary>
    public string? Decision { get; set; }
}

/// <summary>A criterion's score; the title is copied so an old assessment reads as it did when the rubric changes.</summary>
public sealed class AssessmentScore
{
    public string Criterion { get; set; } = "";

    public string Title { get; set; } = "";

    public int Score { get; set; }

    public string Comment { get; set; } = "";
}

/// <summary>A record about an entry that becomes visible outside the curators only once a decision seals it.</summary>
public interface ISealedEntryRecord
{
    Guid EntryId { get; }

    Entry Entry { get; }

    DateTimeOffset? SealedAt { get; }
}
