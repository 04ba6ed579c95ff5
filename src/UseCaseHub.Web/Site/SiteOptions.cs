using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Web.Site;

public sealed class SiteOptions
{
    public const string Section = "Site";

    [Range(5, 100)]
    public int PageSize { get; set; } = 20;

    /// <summary>Base of the persistent links in citations; empty means the address the visitor used.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }
}
