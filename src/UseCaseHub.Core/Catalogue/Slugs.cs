using System.Text;
using System.Text.RegularExpressions;

namespace UseCaseHub.Core.Catalogue;

/// <summary>The one rule for entry and page slugs and language tags, for content files and the API alike.</summary>
public static partial class Slugs
{
    public const int MaxLength = 120;

    /// <summary>
    /// Lowercase letters of any script (what <see cref="From"/> makes of an Arabic, Chinese or Russian title) and
    /// digits, in runs joined by single hyphens. Anchored with <c>\A</c>/<c>\z</c>: <c>$</c> would also accept a
    /// trailing newline.
    /// </summary>
    [GeneratedRegex(@"\A[\p{Ll}\p{Lm}\p{Lo}\p{Nd}]+(-[\p{Ll}\p{Lm}\p{Lo}\p{Nd}]+)*\z")]
    public static partial Regex Pattern();

    /// <summary>A BCP 47 language tag such as <c>en</c> or <c>pt-BR</c>.</summary>
    [GeneratedRegex(@"\A[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*\z")]
    public static partial Regex LanguagePattern();

    public static bool IsValid(string slug) => slug.Length <= MaxLength && Pattern().IsMatch(slug);

    /// <summary>A URL slug from a name: lowercase letters and digits of any script, single hyphens.</summary>
    public static string From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormKC).ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        return result.Length > MaxLength ? result[..MaxLength].TrimEnd('-') : result;
    }
}
