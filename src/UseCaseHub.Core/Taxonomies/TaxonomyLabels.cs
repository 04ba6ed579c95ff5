using System.Collections.Frozen;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Core.Taxonomies;

/// <summary>
/// <see cref="ITaxonomyLabels"/> over the store's label table, read once and kept: labels change only when the
/// seeds change, and the seeder calls <see cref="Invalidate"/> after loading them.
/// </summary>
public sealed class TaxonomyLabels(IServiceScopeFactory scopes) : ITaxonomyLabels
{
    private readonly Lock _gate = new();
    private FrozenDictionary<(string Kind, string Value, string Language), string>? _labels;

    /// <summary>
    /// The label in <paramref name="language"/> (a culture name such as <c>fr-CA</c> or <c>zh-Hans</c> counts
    /// as its language), else the English one, else null. M49 sub-regions are asked for as <c>subregion</c>
    /// (the facet name) or <c>region</c>.
    /// </summary>
    public string? Find(string kind, string value, string language)
    {
        var labels = _labels ?? Load();
        kind = kind == Search.Facets.Subregion ? TaxonomyKinds.Region : kind;
        return labels.TryGetValue((kind, value, LanguageOf(language)), out var label)
            || labels.TryGetValue((kind, value, "en"), out label) ? label : null;
    }

    /// <summary>Forget the labels read so far (after seeding); the next call reads the store again.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _labels = null;
        }
    }

    /// <summary>The two-letter UN language of a culture name: <c>zh-Hans</c> → <c>zh</c>, <c>fr-CA</c> → <c>fr</c>.</summary>
    public static string LanguageOf(string culture) => Catalogue.Translations.TranslationRules.Primary(culture) ?? "";

    /// <summary>The language of the current UI culture.</summary>
    public static string CurrentLanguage => LanguageOf(CultureInfo.CurrentUICulture.Name);

    private FrozenDictionary<(string, string, string), string> Load()
    {
        lock (_gate)
        {
            if (_labels is not null)
            {
                return _labels;
            }

            // Synchronous once per process (about 3,000 short rows); every later call is a dictionary lookup.
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            _labels = db.TaxonomyLabels.AsNoTracking()
                .Select(l => new { l.Kind, l.Value, l.Language, l.Text })
                .AsEnumerable()
                .ToFrozenDictionary(l => (l.Kind, l.Value, l.Language), l => l.Text);
            return _labels;
        }
    }
}

/// <summary>Conveniences for callers that always need something to show.</summary>
public static class TaxonomyLabelsExtensions
{
    /// <summary>The label in the current UI culture's language (else English), else the value itself.</summary>
    public static string Label(this ITaxonomyLabels labels, string kind, string value) =>
        labels.Find(kind, value, TaxonomyLabels.CurrentLanguage) ?? value;

    /// <summary>"Use case" or "Best practice" in the current UI culture's language (the type facet's values).</summary>
    public static string Label(this ITaxonomyLabels labels, Catalogue.EntryKind kind) =>
        labels.Label(TaxonomyKinds.Type, Search.SearchTypes.Of(kind));

    /// <summary>A deployment stage in the current UI culture's language (the stage facet's values).</summary>
    public static string Label(this ITaxonomyLabels labels, Catalogue.DeploymentStage stage) =>
        labels.Label(TaxonomyKinds.Stage, stage.ToString().ToLowerInvariant());

    /// <summary>The label in the current UI culture's language, else <paramref name="fallback"/> (the stored name).</summary>
    public static string Label(this ITaxonomyLabels labels, string kind, string value, string fallback) =>
        labels.Find(kind, value, TaxonomyLabels.CurrentLanguage) ?? fallback;
}
