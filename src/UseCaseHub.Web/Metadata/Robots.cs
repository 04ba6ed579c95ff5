using System.Text;

namespace UseCaseHub.Web.Metadata;

/// <summary>
/// <c>/robots.txt</c>: the catalogue is open to crawlers; the personal and staff areas, forms, OpenID Connect endpoints and
/// the costly offline zips and search exports are not (under every culture prefix too, as the site answers each page there as well).
/// </summary>
public static class Robots
{
    /// <summary>Paths crawlers are asked to leave alone (each also under <c>/{culture}</c>).</summary>
    public static IReadOnlyList<string> Disallowed { get; } =
    [
        "/account/", "/admin/", "/curate", "/submit", "/revise/", "/inbox", "/my-entries", "/conversation/", "/connect/",
        "/api/me", "/api/antiforgery", "/api/use-cases/", "/api/best-practices/", "/search/offline",
        "/search/export.csv", "/search/export.json", "/api/search/export",
    ];

    public static string Text(Uri root, IReadOnlyList<string> cultures)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(cultures);
        var text = new StringBuilder("User-agent: *\nAllow: /\n");
        foreach (var prefix in cultures.Select(c => "/" + c).Prepend(""))
        {
            foreach (var path in Disallowed)
            {
                text.Append("Disallow: ").Append(prefix).Append(path).Append('\n');
            }
        }

        text.Append("\nSitemap: ").Append(new Uri(root, "sitemap.xml")).Append('\n');
        return text.ToString();
    }
}
