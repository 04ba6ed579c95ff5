using System.Globalization;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace UseCaseHub.Web.Api;

/// <summary>
/// What <c>$expand</c> may do, checked after parsing and before any query runs. Depth alone did not bound a
/// response: <c>Sdgs?$expand=Entries($expand=Sdgs($expand=Entries),Countries($expand=Entries))</c> is only
/// three levels but may materialise 100 × 100 × (100 × 100 + 100 × 100) rows. So (1) the rows a response can
/// hold are estimated from the page sizes and <c>$top</c> values at every level and refused over
/// <see cref="ApiOptions.MaxExpandedRows"/>, and (2) only the navigation paths of <see cref="ApiModel.Expandable"/>
/// may be expanded, which rules out cycles back to the set being read.
/// </summary>
public static class ExpansionRules
{
    /// <summary>Throws <see cref="ODataException"/> (the query attribute turns it into a 400) when the expansion is refused.</summary>
    public static void Validate(ODataQueryOptions options, ApiOptions limits)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        if (options.SelectExpand?.SelectExpandClause is not { } clause || !Expansions(clause).Any())
        {
            return;
        }

        // One entity (by key) or a page: at most $top rows, and never more than the server's page size.
        var single = options.Context.Path?.LastSegment is KeySegment;
        var rows = single ? 1 : Math.Min(options.Top?.Value ?? limits.PageSize, limits.PageSize);
        var estimate = rows * (1 + RowsPerParent(clause, limits));
        if (estimate > limits.MaxExpandedRows)
        {
            throw new ODataException(string.Format(CultureInfo.InvariantCulture,
                "This $expand could return up to {0:0} rows, over the limit of {1} rows per response (Api:MaxExpandedRows). "
                + "The estimate is $top (or the page size of {2}) times the $top (or page size) inside each expanded collection; "
                + "lower $top on the set or inside $expand, or expand fewer navigations.",
                estimate, limits.MaxExpandedRows, limits.PageSize));
        }

        var set = options.Context.NavigationSource?.Name ?? "";
        var allowed = ApiModel.Expandable.TryGetValue(set, out var paths) ? paths : new HashSet<string>();
        foreach (var path in Paths(clause, ""))
        {
            if (!allowed.Contains(path))
            {
                throw new ODataException(allowed.Count == 0
                    ? $"{set} has no expandable navigations; '{path}' cannot be expanded."
                    : $"'{path}' cannot be expanded from {set}. Expandable from {set}: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.");
            }
        }
    }

    /// <summary>Rows one parent row brings along through its expansions (double: a hostile estimate may not fit a long).</summary>
    private static double RowsPerParent(SelectExpandClause clause, ApiOptions limits)
    {
        double total = 0;
        foreach (var item in Expansions(clause))
        {
            if (item is ExpandedNavigationSelectItem { LevelsOption: not null })
            {
                throw new ODataException("$levels is not supported; expand each level explicitly.");
            }

            var navigation = Navigation(item);
            var perParent = navigation.TargetMultiplicity() == EdmMultiplicity.Many
                ? Math.Min(item.TopOption ?? limits.PageSize, limits.PageSize)
                : 1;
            var nested = item is ExpandedNavigationSelectItem { SelectAndExpand: { } inner } ? RowsPerParent(inner, limits) : 0;
            total += perParent * (1 + nested);
        }

        return total;
    }

    /// <summary>Every expanded path, as navigation names joined by '/' (type casts are left out).</summary>
    private static IEnumerable<string> Paths(SelectExpandClause clause, string prefix)
    {
        foreach (var item in Expansions(clause))
        {
            var path = prefix + Navigation(item).Name;
            yield return path;
            if (item is ExpandedNavigationSelectItem { SelectAndExpand: { } inner })
            {
                foreach (var nested in Paths(inner, path + "/"))
                {
                    yield return nested;
                }
            }
        }
    }

    // ExpandedNavigationSelectItem derives from ExpandedReferenceSelectItem ($expand=Nav/$ref).
    private static IEnumerable<ExpandedReferenceSelectItem> Expansions(SelectExpandClause clause) =>
        clause.SelectedItems.OfType<ExpandedReferenceSelectItem>();

    private static IEdmNavigationProperty Navigation(ExpandedReferenceSelectItem item) =>
        item.PathToNavigationProperty.OfType<NavigationPropertySegment>().Last().NavigationProperty;
}
