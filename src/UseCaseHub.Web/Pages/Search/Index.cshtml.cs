using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Search;
using UseCaseHub.Web.Search;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages.Search;

/// <summary>
/// <c>/search</c>: results with highlights, facets with counts as plain links (each toggles one value and
/// keeps the rest of the query), removable filter chips, paging, and "did you mean" when nothing is found.
/// </summary>
public sealed class IndexModel(ISearchEngine engine, SearchLabels labels, IOptions<SiteOptions> site) : PageModel
{
    /// <summary>The sidebar's facets, in order; child facets (target, sub-region, country) appear nested in their parents.</summary>
    public static readonly string[] Sidebar =
        [Facets.Type, Facets.Sdg, Facets.Vertical, Facets.Region, Facets.Group, Facets.Stage, Facets.Technology, Facets.Standard, Facets.Year, Facets.Language];

    public SearchRequest Asked { get; private set; } = new();
    public SearchResult Result { get; private set; } = new() { Total = 0, Hits = [] };
    public Func<string, string, string> Label { get; private set; } = (_, value) => value;

    public string Text => Asked.Query;
    public int Pages => (int)Math.Max(1, (Result.Total + Asked.PageSize - 1) / Asked.PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var query = SearchQuery.Read(Request.Query, site.Value.PageSize, SearchAudience.Of(User), FacetChildren.SelectedOrTop, clampFacetLimit: true);
        if (!query.IsValid)
        {
            return BadRequest();
        }

        Asked = query.Request;
        Result = await engine.SearchAsync(Asked, cancellationToken);
        Label = labels.ForCurrentCulture();
        return Page();
    }

    public bool IsSelected(string facet, string value) =>
        Asked.Filters.TryGetValue(facet, out var values) && values.Contains(value, StringComparer.OrdinalIgnoreCase);

    /// <summary>This search with one facet value switched on or off, back on page 1.</summary>
    public string Toggle(string facet, string value)
    {
        var asked = Pairs().Any(p => p.Key == facet && string.Equals(p.Value, value, StringComparison.OrdinalIgnoreCase));
        if (!asked && !IsSelected(facet, value))
        {
            // Switching on, the sidebar's common case (hundreds of links a page): the rest of the query is the same for
            // every link, so it is escaped and joined once.
            _withoutPage ??= string.Join("&", Pairs().Where(p => p.Key != "page").Select(Escape));
            return SearchPath + "?" + (_withoutPage.Length == 0 ? "" : _withoutPage + "&") + Escape(new(facet, value));
        }

        return Href(Pairs()
            .Where(p => p.Key != "page")
            .Where(p => !(p.Key == facet && string.Equals(p.Value, value, StringComparison.OrdinalIgnoreCase)))
            .Concat(IsSelected(facet, value) ? [] : [new KeyValuePair<string, string>(facet, value)]));
    }

    public string WithPage(int page) => Href(Pairs().Where(p => p.Key != "page").Append(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public string WithText(string text) => Href(Pairs().Where(p => p.Key is not ("q" or "page")).Prepend(new("q", text)));

    public string WithoutFilters() => Href(Pairs().Where(p => p.Key is "q" or "sort"));

    public string WithSort(SearchSort sort) => Href(Pairs().Where(p => p.Key is not ("sort" or "page")).Append(new("sort", sort.ToString().ToLowerInvariant())));

    /// <summary>
    /// The query's known parameters, read once: the sidebar builds a link from them for every facet value, so an
    /// unknown parameter is dropped rather than repeated in each link.
    /// </summary>
    private IEnumerable<KeyValuePair<string, string>> Pairs() => _pairs ??=
        [.. Request.Query.Where(p => SearchQuery.Parameters.Contains(p.Key)).SelectMany(p => p.Value.Where(v => !string.IsNullOrEmpty(v)).Select(v => new KeyValuePair<string, string>(p.Key, v!)))];

    private List<KeyValuePair<string, string>>? _pairs;
    private string? _withoutPage;
    private string? _searchPath;

    private string SearchPath => _searchPath ??= Url.Content("~/search");

    private string Href(IEnumerable<KeyValuePair<string, string>> pairs) => SearchPath + "?" + string.Join("&", pairs.Select(Escape));

    private static string Escape(KeyValuePair<string, string> pair) => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value);
}
