using UseCaseHub.Core.Search;

namespace UseCaseHub.Web.Pages.Search;

/// <summary>
/// Which values of a facet list the search page shows before "More": on a phone a goal list of 17 and a country list
/// pushed the results a screen down, so a list shows its most frequent values, every selected value and every value
/// holding a selection, in the list's own order.
/// </summary>
public static class FacetDisplay
{
    /// <summary>Values shown before "More" (the ones after it sit in a nested disclosure).</summary>
    public const int Top = 6;

    /// <summary>The values to show; all of them when the list is short enough.</summary>
    public static IReadOnlySet<FacetValue> Shown(IReadOnlyList<FacetValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        // "Top + 1" and not "Top": hiding a single value behind a "More (1)" saves nothing.
        // By reference: the page asks about the very values it was given (a record's own hash reads every field).
        if (values.Count <= Top + 1)
        {
            return values.ToHashSet<FacetValue>(ReferenceEqualityComparer.Instance);
        }

        return values.Select((value, index) => (value, index))
            .OrderByDescending(v => v.value.Count).ThenBy(v => v.index)
            .Take(Top).Select(v => v.value)
            .Concat(values.Where(HoldsSelection))
            .ToHashSet<FacetValue>(ReferenceEqualityComparer.Instance);
    }

    private static bool HoldsSelection(FacetValue value) =>
        value.Selected || (value.Children?.Any(HoldsSelection) ?? false);
}
