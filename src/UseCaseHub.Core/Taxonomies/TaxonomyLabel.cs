namespace UseCaseHub.Core.Taxonomies;

/// <summary>
/// The display name of one taxonomy value in one UN language, loaded from seeds/ (English from the value's own
/// seed file, the other five from seeds/labels/). Read through <see cref="ITaxonomyLabels"/>.
/// </summary>
public sealed class TaxonomyLabel
{
    /// <summary>One of <see cref="TaxonomyKinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The value as facets and addresses write it: goal number, target code, ISO alpha-2, M49 code, slug.</summary>
    public string Value { get; set; } = "";

    /// <summary>Two-letter code of a UN language: ar, en, es, fr, ru, zh.</summary>
    public string Language { get; set; } = "";
    public string Text { get; set; } = "";
}

/// <summary>The kinds of labelled values. Most are facet names; a few name texts no facet shows.</summary>
public static class TaxonomyKinds
{
    public const string Type = Search.Facets.Type;
    public const string Sdg = Search.Facets.Sdg;

    /// <summary>The goal's full title (<see cref="Sdg"/> is its short title).</summary>
    public const string SdgTitle = "sdg-title";

    /// <summary>A target's text.</summary>
    public const string Target = Search.Facets.Target;
    public const string Vertical = Search.Facets.Vertical;

    /// <summary>Every M49 region level: region, sub-region and intermediate region.</summary>
    public const string Region = Search.Facets.Region;
    public const string Country = Search.Facets.Country;
    public const string Group = Search.Facets.Group;
    public const string Stage = Search.Facets.Stage;
    public const string Technology = Search.Facets.Technology;
    public const string ItuRegion = "itu-region";

    /// <summary>The six UN languages (one list, in <see cref="Search.ReaderLanguage"/>).</summary>
    public static IReadOnlyList<string> Languages => Search.ReaderLanguage.Languages;

    /// <summary>Every kind seeds/ labels in all six languages.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Type, Sdg, SdgTitle, Target, Vertical, Region, Country, Group, Stage, Technology, ItuRegion];
}
