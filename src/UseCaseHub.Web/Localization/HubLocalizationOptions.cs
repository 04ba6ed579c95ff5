namespace UseCaseHub.Web.Localization;

public sealed class HubLocalizationOptions
{
    public const string Section = "Localization";

    /// <summary>The six UN languages, English first: the cultures when configuration names none.</summary>
    public static readonly IReadOnlyList<string> UnLanguages = ["en", "fr", "es", "ar", "ru", "zh"];

    /// <summary>
    /// The UI cultures, default first. Empty by default because the configuration binder appends to a
    /// list's initial items rather than replacing them.
    /// </summary>
    public List<string> Cultures { get; set; } = [];

    public IReadOnlyList<string> EffectiveCultures => Cultures.Count > 0 ? Cultures : UnLanguages;

    public string DefaultCulture => EffectiveCultures[0];
}
