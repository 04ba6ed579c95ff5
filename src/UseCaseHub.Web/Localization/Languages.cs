using System.Collections.Frozen;
using System.Globalization;

namespace UseCaseHub.Web.Localization;

public static class Languages
{
    /// <summary>
    /// A language's name in itself, as a reader looks for it ("Français", "العربية", "中文"): the first word of .NET's native
    /// name, title-cased. Kept for the six UN languages (culture lookups take a process-wide lock); any other tag is
    /// answered as itself and never kept, so values from a query string cannot grow the table.
    /// </summary>
    public static string NativeName(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return Known.TryGetValue(language, out var name) ? name : language;
    }

    private static readonly FrozenDictionary<string, string> Known =
        Core.Search.ReaderLanguage.Languages.ToFrozenDictionary(l => l, l =>
        {
            var culture = CultureInfo.GetCultureInfo(l);
            return culture.TextInfo.ToTitleCase(culture.NativeName.Split(' ')[0]);
        }, StringComparer.Ordinal);

    /// <summary>Whether text in this BCP 47 language runs right to left; false for tags .NET does not know.</summary>
    public static bool IsRightToLeft(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return RightToLeft.TryGetValue(language, out var known) ? known : LooksUp(language);
    }

    /// <summary>The six languages' directions, read once (every page asks for each of them, and a lookup takes a lock).</summary>
    private static readonly FrozenDictionary<string, bool> RightToLeft =
        Core.Search.ReaderLanguage.Languages.ToFrozenDictionary(l => l, LooksUp, StringComparer.Ordinal);

    private static bool LooksUp(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language).TextInfo.IsRightToLeft;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
