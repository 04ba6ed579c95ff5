using System.Text.RegularExpressions;
using System.Xml.Linq;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Site;

/// <summary>Every UI string the site asks the localizer for has an entry translators can see.</summary>
public sealed partial class ResourceKeysTests
{
    [GeneratedRegex(@"(?:\bT|\btext|\bLocalizer)\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizedString();

    [Fact]
    public void Every_localized_string_used_in_the_web_project_is_in_the_resource_file()
    {
        var web = Path.Combine(TestPaths.Repository, "src", "UseCaseHub.Web");
        var keys = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.resx")).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var used = Directory.EnumerateFiles(web, "*.cs*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LocalizedString().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: Regex.Unescape(m.Groups[1].Value))))
            .ToList();

        Assert.NotEmpty(used);
        var missing = used.Where(u => !keys.Contains(u.Key)).Select(u => $"{u.File}: \"{u.Key}\"").Distinct().ToList();
        Assert.True(missing.Count == 0, "Missing from SharedResource.resx:\n" + string.Join("\n", missing));
    }
}
