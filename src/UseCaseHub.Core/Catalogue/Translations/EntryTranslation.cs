namespace UseCaseHub.Core.Catalogue.Translations;

/// <summary>
/// An entry's text in another UN language. It shares the entry's persistent identifier, tags, sources, organisations,
/// stage, year, licence and assessment (all read from the entry, never repeated); it has its own slug, translated text,
/// translator and date. It is never submitted or assessed on its own: who sees it follows the entry
/// (<see cref="TranslationRules.VisibleTo"/>).
/// </summary>
public sealed class EntryTranslation
{
    public Guid Id { get; set; }

    /// <summary>The entry translated (never a revision row: a revision is applied onto this same entry id).</summary>
    public Guid EntryId { get; set; }

    public Entry? Entry { get; set; }

    /// <summary>One of <see cref="TranslationRules.Languages"/>, different from the entry's language.</summary>
    public string Language { get; set; } = "";

    /// <summary>Unique among entries and translations (the site serves it at the entry's kind path).</summary>
    public string Slug { get; set; } = "";

    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";

    /// <summary>Markdown.</summary>
    public string Body { get; set; } = "";

    public string Interoperability { get; set; } = "";
    public string DataAndIdentifiers { get; set; } = "";
    public string SecurityAndTrust { get; set; } = "";
    public string LessonsLearned { get; set; } = "";

    /// <summary>The use case's scale figures with translated labels and values (as many as the entry's), or none.</summary>
    public List<ScaleFigure> Scale { get; set; } = [];

    public string TranslatedBy { get; set; } = "";
    public DateOnly TranslatedOn { get; set; }
    public string? ReviewedBy { get; set; }

    /// <summary>Hash of the content file it was imported from: an unchanged file is skipped.</summary>
    public string? ContentHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
