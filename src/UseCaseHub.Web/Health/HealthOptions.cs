using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Web.Health;

/// <summary>When the host stops being ready (section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Not ready when the oldest change waiting for the index is older than this.</summary>
    [Range(1, 86_400)]
    public int MaxOutboxLagSeconds { get; set; } = 300;

    /// <summary>Not ready when the data folder's disk has less free space than this.</summary>
    [Range(0, 1_048_576)]
    public long MinFreeDiskMegabytes { get; set; } = 256;

    /// <summary>How long the search engine may take to answer the readiness probe.</summary>
    [Range(1, 60)]
    public int SearchTimeoutSeconds { get; set; } = 5;
}
