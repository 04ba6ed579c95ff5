using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Taxonomies;

public enum StandardKind
{
    ItuTRecommendation,
    ItuTSupplement,
    Other,
}

/// <summary>A standard an entry cites: an ITU-T Recommendation or another body's specification.</summary>
public sealed class Standard
{
    /// <summary>As content files write it: <c>ITU-T Y.4900</c>, <c>oneM2M</c>.</summary>
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public string Publisher { get; set; } = "";
    public StandardKind Kind { get; set; }

    /// <summary>Other numbers of the same text (ITU-T dual numbering such as Y.2060).</summary>
    public List<string> AlsoKnownAs { get; set; } = [];

    /// <summary>Approval as <c>MM/YYYY</c> for ITU-T texts.</summary>
    public string? Approved { get; set; }
    public bool Withdrawn { get; set; }
    public string? Url { get; set; }

    public List<Entry> Entries { get; set; } = [];

    public const string ItuTPrefix = "ITU-T ";
}
