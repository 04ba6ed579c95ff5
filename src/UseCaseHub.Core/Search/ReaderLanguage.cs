namespace UseCaseHub.Core.Search;

/// <summary>
/// The language a search is read in, for ranking (every engine asks this one rule): the query's script when it belongs
/// to one UN language (Arabic, Cyrillic for Russian, Han for Chinese), else the reader's UI language, else none.
/// </summary>
public static class ReaderLanguage
{
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr", "es", "ru", "ar", "zh"];

    public static string? Of(string? query, string? uiLanguage)
    {
        foreach (var c in query ?? "")
        {
            if (c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF')
            {
                return "ar";
            }

            if (c is >= '\u0400' and <= '\u04FF')
            {
                return "ru";
            }

            if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF')
            {
                return "zh";
            }
        }

        var primary = (uiLanguage ?? "").Split('-', '_')[0].ToLowerInvariant();
        return Languages.Contains(primary) ? primary : null;
    }
}
