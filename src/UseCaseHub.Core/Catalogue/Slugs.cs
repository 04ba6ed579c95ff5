using System.Text;

namespace UseCaseHub.Core.Catalogue;

public static class Slugs
{
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
        return result.Length > 120 ? result[..120].TrimEnd('-') : result;
    }
}
