using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Web.Site;

public sealed class SiteOptions
{
    public const string Section = "Site";

    [Range(5, 100)]
    public int PageSize { get; set; } = 20;

    /// <summary>
    /// The public address of the hub: base of every absolute link (citations, mailed confirmation and reset links).
    /// Required outside Development and Testing; there, empty means the address the visitor used.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Empty, or an absolute http(s) address.</summary>
    public bool HasValidPublicBaseUrl() =>
        string.IsNullOrWhiteSpace(PublicBaseUrl)
        || (Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var address) && (address.Scheme == Uri.UriSchemeHttps || address.Scheme == Uri.UriSchemeHttp));

    /// <summary>
    /// The base every absolute link starts with. Never the request's Host header outside Development and Testing
    /// (the start refuses an empty setting there): a forged Host would send reset links to an attacker's server.
    /// </summary>
    public Uri PublicBaseFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PublicBaseOr(new Uri($"{request.Scheme}://{request.Host}{request.PathBase}"));
    }

    /// <summary>
    /// The same base for links made outside a request (mail sent by a background worker): the configured address, else
    /// <paramref name="fallback"/> (only reachable in Development and Testing, where the setting may be empty).
    /// </summary>
    public Uri PublicBaseOr(Uri fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        var address = string.IsNullOrWhiteSpace(PublicBaseUrl) ? fallback.OriginalString : PublicBaseUrl;
        return new Uri(address.TrimEnd('/') + "/");
    }
}
