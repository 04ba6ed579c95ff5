using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Catalogue.Translations;

namespace UseCaseHub.Web.Site;

/// <summary>
/// A translation shown on the entry page: its text laid over a detached (no-tracking) copy of the entry, so the page
/// shows the entry's tags, sources, organisations and assessment card (the entry's id and PID) with the translated text.
/// </summary>
public static class TranslatedView
{
    public static void Apply(Entry entry, EntryTranslation translation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(translation);
        entry.Slug = translation.Slug;
        entry.Title = translation.Title;
        entry.Summary = translation.Summary;
        entry.Body = translation.Body;
        entry.Language = translation.Language;
        if (entry is UseCase useCase)
        {
            useCase.Interoperability = translation.Interoperability;
            useCase.DataAndIdentifiers = translation.DataAndIdentifiers;
            useCase.SecurityAndTrust = translation.SecurityAndTrust;
            useCase.LessonsLearned = translation.LessonsLearned;
            // Translated figures only when the file gave one per figure (the importer checks the count).
            if (translation.Scale.Count == useCase.Scale.Count)
            {
                useCase.Scale = translation.Scale;
            }
        }
    }
}
