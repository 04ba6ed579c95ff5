using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Web.Feeds;

/// <summary>The Atom feeds of a search's newly published and revised entries.</summary>
public sealed class FeedOptions
{
    public const string Section = "Feeds";

    /// <summary>Entries in one feed, newest first.</summary>
    [Range(1, 200)]
    public int MaxEntries { get; set; } = 50;

    /// <summary>
    /// The newest entries by first publication a feed picks its entries from (ordered then by their last published
    /// version): a revision of an older entry appears when the entry is among these.
    /// </summary>
    [Range(1, 2000)]
    public int CandidateWindow { get; set; } = 500;
}
