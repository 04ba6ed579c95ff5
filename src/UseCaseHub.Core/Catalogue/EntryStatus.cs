namespace UseCaseHub.Core.Catalogue;

/// <summary>Where an entry stands in the submission and assessment workflow.</summary>
public enum EntryStatus
{
    Draft,
    Submitted,
    InReview,
    Returned,
    Published,
    Rejected,
    Withdrawn,
}
