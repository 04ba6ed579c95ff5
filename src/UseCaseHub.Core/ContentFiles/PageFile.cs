using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.ContentFiles;

/// <summary>A site page as read from content/pages.</summary>
internal sealed record PageFile(string Slug, string Title, string Language, int Order, string Body)
{
    public static PageFile? Read(FrontMatter fm)
    {
        var slug = fm.String("slug", required: true, maxLength: 120);
        if (slug is not null && !Slugs.Pattern().IsMatch(slug))
        {
            fm.Problem("slug", $"'{slug}' must be lowercase letters, digits and single hyphens.");
        }

        var title = fm.String("title", required: true, maxLength: 300);
        var language = fm.String("language") ?? "en";
        if (!Slugs.LanguagePattern().IsMatch(language))
        {
            fm.Problem("language", $"'{language}' is not a BCP 47 language tag.");
        }

        var order = fm.Int("order", 0, 1000) ?? 100;
        fm.ReportUnknownFields();
        return fm.HasErrors ? null : new PageFile(slug!, title!, language, order, fm.Body);
    }
}
