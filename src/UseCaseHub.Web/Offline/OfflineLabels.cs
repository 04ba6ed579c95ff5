using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Web.Offline;

/// <summary>
/// Tag names in the reader's language through <see cref="ITaxonomyLabels"/> when one is registered (the taxonomy-labels
/// work provides it), else the name the store holds.
/// </summary>
public sealed class OfflineLabels(ITaxonomyLabels? labels, string language)
{
    public string Of(string facet, string value, string stored) => labels?.Find(facet, value, language) ?? stored;
}
