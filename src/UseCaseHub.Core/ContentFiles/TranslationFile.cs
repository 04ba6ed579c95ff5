using System.Globalization;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Catalogue.Translations;
using UseCaseHub.Core.Rules;

namespace UseCaseHub.Core.ContentFiles;

/// <summary>
/// A translation as read from <c>content/translations/&lt;language&gt;/&lt;slug&gt;.md</c> (format in content/README.md).
/// What it shares with its entry (tags, sources, organisations, stage, year, licence...) is never repeated: a file that
/// sets one of those fields is refused. Checks that need the store (the entry exists, languages differ, slugs are
/// free, the scale matches) are the importer's.
/// </summary>
internal sealed class TranslationFile
{
    public required string TranslationOf { get; init; }
    public required string Language { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required string Body { get; init; }
    public required string TranslatedBy { get; init; }
    public required DateOnly TranslatedOn { get; init; }
    public string? ReviewedBy { get; init; }

    /// <summary>The four standpoints by field name, as written (null when absent).</summary>
    public required Dictionary<string, string?> Standpoints { get; init; }

    /// <summary>Null when the file gives no scale (the entry's figures are then shown as they are).</summary>
    public List<ScaleFigure>? Scale { get; init; }

    /// <summary>Line of each field, for problems found against the store.</summary>
    public required Func<string, int> LineOf { get; init; }

    /// <summary>Fields a translation takes from its entry: setting one is an error, not a silent override.</summary>
    public static readonly string[] InheritedFields =
    [
        "pid", "uuid", "status", "verticals", "countries", "sdgs", "sdg_targets", "technologies", "standards", "stage", "start_year",
        "organizations", "contact", "licence", "links", "sources", "published", "draws_on",
    ];

    public static TranslationFile? Read(FrontMatter fm)
    {
        var translationOf = fm.String("translation_of", required: true);
        if (translationOf is not null && !EntryFile.PidPattern().IsMatch(translationOf))
        {
            fm.Problem("translation_of", $"'{translationOf}' is not an entry identifier such as UC-2026-00042.");
        }

        var language = fm.String("language", required: true);
        if (language is not null && !TranslationRules.IsLanguage(language))
        {
            fm.Problem("language", $"'{language}' is not one of {string.Join(", ", TranslationRules.Languages)}.");
        }

        var slug = fm.String("slug");
        fm.Problem("slug", EntryRules.Slug(slug));
        var title = fm.String("title");
        fm.Problem("title", EntryRules.Title(title));
        var summary = fm.String("summary");
        fm.Problem("summary", EntryRules.CompleteSummary(summary));
        var translatedBy = fm.String("translated_by", required: true, maxLength: 300);
        var reviewedBy = fm.String("reviewed_by", maxLength: 300);
        var translatedOn = default(DateOnly);
        if (fm.String("translated_on", required: true) is { } dateText
            && !DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out translatedOn))
        {
            fm.Problem("translated_on", $"'{dateText}' is not a date such as 2026-11-30.");
        }

        var standpoints = EntryFile.StandpointFields.ToDictionary(f => f, f => fm.String(f), StringComparer.Ordinal);
        List<ScaleFigure>? scale = null;
        if (fm.Node("scale") is not null)
        {
            scale = [];
            foreach (var (fields, node) in fm.MappingList("scale"))
            {
                if (fields.GetValueOrDefault("label") is { Length: > 0 } label && fields.GetValueOrDefault("value") is { Length: > 0 } value)
                {
                    scale.Add(new ScaleFigure { Label = label, Value = value });
                }
                else
                {
                    fm.Problem(node, "scale", "every figure needs a label and a value.");
                }
            }
        }

        foreach (var field in InheritedFields)
        {
            if (fm.Node(field) is not null)
            {
                fm.Problem(field, "comes from the original entry (translation_of): a translation does not repeat it.");
            }
        }

        fm.ReportUnknownFields();
        if (fm.HasErrors)
        {
            return null;
        }

        return new TranslationFile
        {
            TranslationOf = translationOf!,
            Language = language!,
            Slug = slug!,
            Title = title!,
            Summary = summary!,
            Body = fm.Body,
            TranslatedBy = translatedBy!,
            TranslatedOn = translatedOn,
            ReviewedBy = reviewedBy,
            Standpoints = standpoints,
            Scale = scale,
            LineOf = fm.LineOf,
        };
    }

    /// <summary>Copies the file onto a stored translation (its entry and language are already set).</summary>
    public void ApplyTo(EntryTranslation translation)
    {
        translation.Slug = Slug;
        translation.Title = Title;
        translation.Summary = Summary;
        translation.Body = Body;
        translation.Interoperability = Standpoints["interoperability"] ?? "";
        translation.DataAndIdentifiers = Standpoints["data_and_identifiers"] ?? "";
        translation.SecurityAndTrust = Standpoints["security_and_trust"] ?? "";
        translation.LessonsLearned = Standpoints["lessons_learned"] ?? "";
        translation.Scale = Scale ?? [];
        translation.TranslatedBy = TranslatedBy;
        translation.TranslatedOn = TranslatedOn;
        translation.ReviewedBy = ReviewedBy;
    }
}
