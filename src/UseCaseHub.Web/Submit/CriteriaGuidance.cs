using System.Globalization;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Markdown;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Submit;

/// <summary>
/// The curators' guidance shown beside each Resolution 98 section of the form, read from the assessment criteria page
/// (<c>content/pages/assessment-criteria.md</c>), never copied into code: a change of the criteria reaches the form with
/// the next import. The page's headings are stable (the page says so); a translated page whose headings differ falls
/// back to the English one.
/// </summary>
public sealed class CriteriaGuidance(CatalogueQueries catalogue, MarkdownRenderer markdown)
{
    public const string PageSlug = "assessment-criteria";

    /// <summary>Form field → the heading of its criterion (as the page's anchor).</summary>
    public static IReadOnlyDictionary<string, string> Sections { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(UseCase.Interoperability)] = "interoperability",
        [nameof(UseCase.DataAndIdentifiers)] = "data-and-identifiers",
        [nameof(UseCase.SecurityAndTrust)] = "security-and-trust",
        [nameof(UseCase.LessonsLearned)] = "replicability",
        [nameof(Entry.Standards)] = "standards-used",
    };

    /// <summary>Field → sanitised HTML of its guidance; a field whose heading the page lacks has none.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ForFormAsync(CancellationToken cancellationToken = default)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var sections = Split(await catalogue.PageAsync(PageSlug, language, cancellationToken));
        if (language != "en" && !Sections.Values.All(sections.ContainsKey))
        {
            sections = Split(await catalogue.PageAsync(PageSlug, "en", cancellationToken));
        }

        return Sections.Where(s => sections.ContainsKey(s.Value))
            .ToDictionary(s => s.Key, s => markdown.ToHtml(sections[s.Value]), StringComparer.Ordinal);
    }

    /// <summary>The page's second-level sections by the slug of their heading (the anchor the page itself gets).</summary>
    public static Dictionary<string, string> Split(Page? page)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        if (page is null)
        {
            return sections;
        }

        string? heading = null;
        var text = new List<string>();
        foreach (var line in page.Body.ReplaceLineEndings("\n").Split('\n').Append("## "))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (heading is not null)
                {
                    sections.TryAdd(heading, string.Join("\n", text).Trim());
                }

                heading = Slugs.From(line[3..]);
                text.Clear();
            }
            else if (heading is not null)
            {
                text.Add(line);
            }
        }

        return sections;
    }
}
