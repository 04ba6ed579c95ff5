using System.Globalization;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Web.Search;

/// <summary>
/// Reads <c>?q=&amp;sdg=6&amp;sdg=7&amp;country=KE&amp;sort=&amp;page=&amp;pageSize=</c> into a <see cref="SearchRequest"/>:
/// the site and the API take the same parameters, named like the facet keys, each repeatable.
/// </summary>
public sealed record SearchQuery(SearchRequest Request, string? Parameter, string? Problem)
{
    public const int MaxQueryLength = 500;
    public const int MaxPageSize = SearchRequest.MaxPageSize;

    public bool IsValid => Problem is null;

    /// <summary>Values per facet (and per parent value) unless <c>facetLimit</c> says otherwise.</summary>
    public const int DefaultFacetLimit = 10;

    /// <summary>Most values per facet (and per parent value) a caller may ask for: every value is a link or a JSON object.</summary>
    public const int MaxFacetLimit = 100;

    /// <summary>
    /// Every parameter this reads. Links built from a query echo only these: an unknown parameter copied into
    /// each of hundreds of facet links would let one URL inflate the page (and carry text the site never checked).
    /// </summary>
    public static IReadOnlySet<string> Parameters { get; } = new HashSet<string>(
        ["q", "sort", "page", "pageSize", "facetLimit", "facets", "facetChildren", .. Facets.All], StringComparer.OrdinalIgnoreCase);

    // children: where hierarchical facets nest their values unless facetChildren=true asks for all of them.
    // clampFacetLimit: the page serves the most it allows for a larger facetLimit; the API refuses it, as any bad parameter.
    public static SearchQuery Read(IQueryCollection query, int defaultPageSize, SearchAudience audience, FacetChildren children = FacetChildren.Selected,
        bool clampFacetLimit = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = query["q"].ToString().Trim();
        if (text.Length > MaxQueryLength)
        {
            return Invalid("q", $"q is longer than {MaxQueryLength} characters.");
        }

        var sort = SearchSort.Relevance;
        if (query.TryGetValue("sort", out var sortText) && sortText.ToString().Length > 0
            && !(Enum.TryParse(sortText.ToString(), ignoreCase: true, out sort) && Enum.IsDefined(sort)))
        {
            return Invalid("sort", "sort is one of relevance, newest, title.");
        }

        if (!Number(query, "page", 1, MaxPage, 1, out var page))
        {
            return Invalid("page", $"page is a whole number from 1 to {MaxPage}.");
        }

        if (!Number(query, "pageSize", 1, MaxPageSize, defaultPageSize, out var pageSize))
        {
            return Invalid("pageSize", $"pageSize is a whole number from 1 to {MaxPageSize}.");
        }

        var facetLimitText = query["facetLimit"].ToString();
        if (clampFacetLimit && facetLimitText.Length > 0 && facetLimitText.All(char.IsAsciiDigit) && facetLimitText.TrimStart('0').Length > 0
            && !Number(query, "facetLimit", 1, MaxFacetLimit, DefaultFacetLimit, out _))
        {
            facetLimitText = MaxFacetLimit.ToString(CultureInfo.InvariantCulture);
        }

        if (!Number(facetLimitText, 1, MaxFacetLimit, DefaultFacetLimit, out var facetLimit))
        {
            return Invalid("facetLimit", $"facetLimit is a whole number from 1 to {MaxFacetLimit}.");
        }

        var counted = query["facets"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal).ToList();
        if (counted.FirstOrDefault(f => !Facets.IsKnown(f)) is { } unknown)
        {
            return Invalid("facets", $"facets lists facet keys ({string.Join(", ", Facets.All)}); '{(unknown.Length > 40 ? unknown[..40] + "…" : unknown)}' is not one.");
        }

        var facetChildren = query["facetChildren"].ToString();
        if (facetChildren.Length > 0 && !bool.TryParse(facetChildren, out _))
        {
            return Invalid("facetChildren", "facetChildren is true or false.");
        }

        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var facet in Facets.All)
        {
            var values = query[facet].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).ToList();
            if (values.FirstOrDefault(v => !IsValidValue(facet, v)) is { } bad)
            {
                return Invalid(facet, $"'{(bad.Length > 40 ? bad[..40] + "…" : bad)}' is not a valid {facet} value.");
            }

            if (values.Count > 0)
            {
                filters[facet] = values;
            }
        }

        return new SearchQuery(new SearchRequest
        {
            Query = text,
            Filters = filters,
            Facets = counted.Count > 0 ? counted : Facets.All,
            FacetLimit = facetLimit,
            FacetChildren = bool.TryParse(facetChildren, out var all) && all ? FacetChildren.All : children,
            Sort = sort,
            Page = page,
            PageSize = pageSize,
            Audience = audience,
            // The culture the request runs in (its /fr/... prefix): the reader's language ranks first.
            Language = CultureInfo.CurrentUICulture.Name,
        }, null, null);
    }

    /// <summary>Deepest page number accepted (beyond it an engine returns no hits anyway).</summary>
    private const int MaxPage = SearchRequest.MaxResultWindow;

    private static SearchQuery Invalid(string parameter, string problem) => new(new SearchRequest(), parameter, problem);

    private static bool Number(IQueryCollection query, string name, int min, int max, int fallback, out int value) =>
        Number(query[name].ToString(), min, max, fallback, out value);

    private static bool Number(string text, int min, int max, int fallback, out int value)
    {
        value = fallback;
        return text.Length == 0
            || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }

    private static bool IsValidValue(string facet, string value) => value.Length <= 100 && facet switch
    {
        Facets.Sdg => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var goal) && goal is >= 1 and <= 17,
        Facets.Year => value.Length == 4 && value.All(char.IsAsciiDigit),
        Facets.Country => value.Length == 2 && value.All(char.IsAsciiLetter),
        Facets.Region or Facets.Subregion => value.Length == 3 && value.All(char.IsAsciiDigit),
        _ => true,
    };
}
