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

    /// <summary>
    /// The values shown and the ones behind "More", each in the list's order; all of them shown when the list is short
    /// enough. By position, not in a set: the first identity hash of each of a page's hundreds of fresh values took a
    /// third of the search page's rendering under load.
    /// </summary>
    public static (IReadOnlyList<FacetValue> Shown, IReadOnlyList<FacetValue> More) Split(IReadOnlyList<FacetValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        // "Top + 1" and not "Top": hiding a single value behind a "More (1)" saves nothing.
        if (values.Count <= Top + 1)
        {
            return (values, []);
        }

        var keep = new bool[values.Count];
        foreach (var index in Enumerable.Range(0, values.Count).OrderByDescending(i => values[i].Count).ThenBy(i => i).Take(Top))
        {
            keep[index] = true;
        }

        var shown = new List<FacetValue>(Top + 2);
        var more = new List<FacetValue>(values.Count - Top);
        for (var i = 0; i < values.Count; i++)
        {
            (keep[i] || HoldsSelection(values[i]) ? shown : more).Add(values[i]);
        }

        return (shown, more);
    }

    private static bool HoldsSelection(FacetValue value) =>
        value.Selected || (value.Children?.Any(HoldsSelection) ?? false);
}
