using System.Text.RegularExpressions;
using System.Xml.Linq;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Site;

/// <summary>
/// The interface exists in the six UN languages: every key of SharedResource.resx is translated in each
/// SharedResource.&lt;lang&gt;.resx, not left in English, with the same placeholders.
/// </summary>
public sealed partial class ResourceTranslationsTests
{
    /// <summary>
    /// Keys whose English text may stand unchanged in every language, each for a reason:
    /// "API" is the acronym the UN's own interfaces keep in French, Spanish and Russian (and developers read it in
    /// Arabic and Chinese too); "UseCaseHub: {0}" is the brand name before a mail subject.
    /// </summary>
    private static readonly HashSet<string> SameEverywhere = new(StringComparer.Ordinal) { "API", "UseCaseHub: {0}" };

    /// <summary>
    /// Words spelled exactly as in English because the language has the same word (not an untranslated string):
    /// French writes these headings and nouns exactly as English does (checked one by one); Spanish shares none.
    /// </summary>
    private static readonly Dictionary<string, HashSet<string>> SameWord = new(StringComparer.Ordinal)
    {
        ["fr"] = new(StringComparer.Ordinal)
        {
            "Action", "Actions", "Administration", "Contact", "Description", "Licence", "Note", "Organisation",
            "Organisations", "Page {0}", "Pages", "Permissions", "Sources", "Technologies", "Type", "Version", "Version {0}",
            "Versions",
        },
    };

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    private static string ResourcesFolder => Path.Combine(TestPaths.Repository, "src", "UseCaseHub.Web", "Resources");

    private static List<(string Key, string Value)> Read(string file) =>
        XDocument.Load(Path.Combine(ResourcesFolder, file)).Root!.Elements("data")
            .Select(d => ((string)d.Attribute("name")!, (string?)d.Element("value") ?? "")).ToList();

    [Theory]
    [InlineData("fr")]
    [InlineData("es")]
    [InlineData("ar")]
    [InlineData("ru")]
    [InlineData("zh")]
    public void Every_key_is_translated(string language)
    {
        var english = Read("SharedResource.resx");
        var translated = Read($"SharedResource.{language}.resx").ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var sameWord = SameWord.GetValueOrDefault(language) ?? [];

        var missing = english.Where(e => !translated.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        var inEnglish = english.Where(e => translated.TryGetValue(e.Key, out var v)
                && string.Equals(v.Trim(), e.Value.Trim(), StringComparison.Ordinal)
                && !SameEverywhere.Contains(e.Key) && !sameWord.Contains(e.Key))
            .Select(e => e.Key).ToList();
        var empty = translated.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key).ToList();

        Assert.True(missing.Count == 0 && inEnglish.Count == 0 && empty.Count == 0,
            $"SharedResource.{language}.resx: {missing.Count} of {english.Count} keys missing, {inEnglish.Count} left in English, {empty.Count} empty.\n"
            + "Missing (first 20):\n" + string.Join("\n", missing.Take(20))
            + "\nLeft in English (first 20):\n" + string.Join("\n", inEnglish.Take(20))
            + "\nEmpty:\n" + string.Join("\n", empty.Take(20)));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("es")]
    [InlineData("ar")]
    [InlineData("ru")]
    [InlineData("zh")]
    public void Translations_keep_the_placeholders_and_add_no_stale_keys(string language)
    {
        var english = Read("SharedResource.resx").ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var translated = Read($"SharedResource.{language}.resx");

        static string Holes(string text) => string.Join(",", Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));
        var stale = translated.Where(t => !english.ContainsKey(t.Key)).Select(t => t.Key).ToList();
        var wrongHoles = translated.Where(t => english.TryGetValue(t.Key, out var en) && Holes(en) != Holes(t.Value))
            .Select(t => $"{t.Key} -> {t.Value}").ToList();
        var twice = translated.GroupBy(t => t.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.True(stale.Count == 0 && wrongHoles.Count == 0 && twice.Count == 0,
            $"SharedResource.{language}.resx:\nNot in the English file:\n{string.Join("\n", stale)}\nPlaceholders differ:\n{string.Join("\n", wrongHoles)}\nTwice:\n{string.Join("\n", twice)}");
    }

    [Fact]
    public void The_allow_lists_name_only_keys_that_exist()
    {
        var keys = Read("SharedResource.resx").Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

        var unknown = SameEverywhere.Concat(SameWord.Values.SelectMany(s => s)).Where(k => !keys.Contains(k)).ToList();

        Assert.True(unknown.Count == 0, "Allowed to stay in English but not a key: " + string.Join(", ", unknown));
    }
}
