using UseCaseHub.Core.Search;
using UseCaseHub.Web.Offline;

namespace UseCaseHub.Web.Feeds;

/// <summary>
/// Which feed a page offers: the search page its own search's, and the SDG, vertical and country pages their value's.
/// One place for the head's <c>&lt;link rel="alternate"&gt;</c> and the visible links.
/// </summary>
public static class FeedLinks
{
    /// <summary>The feed's query string (<c>?sdg=6</c>, possibly empty) for the current page, or null when it offers no feed.</summary>
    public static string? QueryFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var route = context.Request.RouteValues;
        return (route["page"] as string) switch
        {
            "/Search/Index" => SearchQueryString(context.Request.Query),
            "/Taxonomies/Sdg" => "?" + Facets.Sdg + "=" + Uri.EscapeDataString(route["number"]?.ToString() ?? ""),
            "/Taxonomies/Vertical" => "?" + Facets.Vertical + "=" + Uri.EscapeDataString(route["slug"]?.ToString() ?? ""),
            "/Taxonomies/Country" => "?" + Facets.Country + "=" + Uri.EscapeDataString((route["iso2"]?.ToString() ?? "").ToUpperInvariant()),
            _ => null,
        };
    }

    /// <summary>The words and filters of a search (its sort and paging do not change a feed, which is always newest first).</summary>
    public static string SearchQueryString(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = OfflineLinks.QueryString(new QueryCollection(query.Where(p => !p.Key.Equals("sort", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase)));
        return text;
    }
}
