namespace UseCaseHub.Core.Taxonomies;

/// <summary>
/// Display names of taxonomy values in the six UN languages: SDG goals and targets, countries, M49 regions and
/// sub-regions, LDC/LLDC/SIDS, ITU-D regions, verticals, technologies, stages, entry types. The kind is the facet
/// name (<see cref="Search.Facets"/>), the value the facet value (goal number, ISO alpha-2, M49 code, slug...).
/// One place answers every door (facets, chips, entry and taxonomy pages, API, search index).
/// </summary>
public interface ITaxonomyLabels
{
    /// <summary>The label in <paramref name="language"/> (en, fr, es, ar, ru, zh), or null when none is known.</summary>
    string? Find(string kind, string value, string language);
}
