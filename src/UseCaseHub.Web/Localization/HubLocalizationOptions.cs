using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Web.Localization;

public sealed class HubLocalizationOptions
{
    public const string Section = "Localization";

    /// <summary>The UI cultures, default first: the six UN languages.</summary>
    [MinLength(1)]
    public List<string> Cultures { get; set; } = ["en", "fr", "es", "ar", "ru", "zh"];

    public string DefaultCulture => Cultures[0];
}
