using UseCaseHub.Core.Search;

namespace UseCaseHub.Web.Offline;

/// <summary>The query string a download is made from: the words, the filters and the sort; paging and facet options do not change it.</summary>
public static class OfflineLinks
{
    /// <summary><c>?q=water&amp;sdg=6</c> (or empty) from the parameters that decide which entries a download holds.</summary>
    public static string QueryString(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pairs = query
            .Where(p => p.Key.Equals("q", StringComparison.OrdinalIgnoreCase) || p.Key.Equals("sort", StringComparison.OrdinalIgnoreCase) || Facets.IsKnown(p.Key))
            .SelectMany(p => p.Value.Where(v => !string.IsNullOrEmpty(v)).Select(v => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(v!)))
            .ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join("&", pairs);
    }
}
