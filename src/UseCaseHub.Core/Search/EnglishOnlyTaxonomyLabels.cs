using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Core.Search;

/// <summary>
/// No translated taxonomy labels: the search indexes tags by their English names only. Registered with TryAdd, so the
/// real <see cref="ITaxonomyLabels"/> (seeded labels in six languages) replaces it wherever it is registered.
/// </summary>
internal sealed class EnglishOnlyTaxonomyLabels : ITaxonomyLabels
{
    public string? Find(string kind, string value, string language) => null;
}
