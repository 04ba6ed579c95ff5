using UseCaseHub.Core.Search;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Web.Localization;

namespace UseCaseHub.Web.Search;

/// <summary>
/// Display names of facet values in the reader's language, from <see cref="ITaxonomyLabels"/> (SDG short titles,
/// country and region names, groups, stages, types...). Targets, standards and years show their codes; languages
/// show their own names (a reader looks for "Français", not "French").
/// </summary>
public sealed class SearchLabels(ITaxonomyLabels labels)
{
    /// <summary>The labeller for <paramref name="language"/> (en, fr, es, ar, ru, zh).</summary>
    public Func<string, string, string> For(string language) => (facet, value) => Label(facet, value, language);

    /// <summary>The labeller for the current UI culture.</summary>
    public Func<string, string, string> ForCurrentCulture() => For(TaxonomyLabels.CurrentLanguage);

    public string Label(string facet, string value, string language) => facet switch
    {
        Facets.Language => Languages.NativeName(value),
        Facets.Target or Facets.Standard or Facets.Year => value,
        _ => Label(labels, facet, value, language, value),
    };

    /// <summary>
    /// A taxonomy value's name in <paramref name="language"/>, else <paramref name="fallback"/> (the name the store
    /// holds): the one lookup every export, feed and metadata writer shows a tag by.
    /// </summary>
    public static string Label(ITaxonomyLabels labels, string kind, string value, string language, string fallback)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels.Find(kind, value, language) ?? fallback;
    }
}
