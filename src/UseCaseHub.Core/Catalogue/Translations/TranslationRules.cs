using UseCaseHub.Core.Access;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Core.Catalogue.Translations;

/// <summary>
/// The rules of linked translations, in one place for the site, the API, search and the importer:
/// which languages, who sees a translation, and which version of an entry a reader is shown.
/// </summary>
public static class TranslationRules
{
    /// <summary>The six UN languages an entry may be translated into.</summary>
    public static IReadOnlyList<string> Languages { get; } = ReaderLanguage.Languages;

    public static bool IsLanguage(string? language) => language is not null && Languages.Contains(language, StringComparer.Ordinal);

    /// <summary>
    /// A translation is visible exactly when its entry is visible to the audience (<see cref="Visibility"/>): it is
    /// assessed, published, retired or hidden with the entry, never on its own. <paramref name="entries"/> is the
    /// context's entry set (with whatever query filter the context applies).
    /// </summary>
    public static IQueryable<EntryTranslation> VisibleTo(this IQueryable<EntryTranslation> translations, IQueryable<Entry> entries, SearchAudience audience)
    {
        ArgumentNullException.ThrowIfNull(translations);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(audience);
        var visible = entries.VisibleTo(audience).Where(e => e.RevisionOfId == null).Select(e => e.Id);
        return translations.Where(t => visible.Contains(t.EntryId));
    }

    /// <summary>
    /// Which version a reader is shown: the translation in the reader's language when there is one, else the original.
    /// <paramref name="readerLanguage"/> is null when the reader expressed none (then always the original).
    /// Returns the chosen language, one of <paramref name="available"/> or <paramref name="originalLanguage"/>.
    /// </summary>
    public static string Choose(string? readerLanguage, string originalLanguage, IEnumerable<string> available)
    {
        ArgumentNullException.ThrowIfNull(available);
        var primary = Primary(readerLanguage);
        return primary is not null && primary != Primary(originalLanguage) && available.Contains(primary, StringComparer.Ordinal)
            ? primary
            : originalLanguage;
    }

    /// <summary>
    /// A translation's permanent id, derived from its entry's UUID and its language (a name-based UUID): the same in
    /// every store and after every re-import, so an API client may keep it.
    /// </summary>
    public static Guid IdOf(Guid entryId, string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"translation:{entryId:N}:{language}"));
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary><c>fr-CA</c> → <c>fr</c>; null or empty → null.</summary>
    public static string? Primary(string? language) =>
        string.IsNullOrWhiteSpace(language) ? null : language.Split('-', '_')[0].ToLowerInvariant();

    /// <summary>
    /// The readers a search document is hidden from, so that a search shows one hit per entry (<see cref="Choose"/>
    /// applied in the index): an original is hidden from readers of its translations' languages; a translation from
    /// every other reader, including those with no UN language (<see cref="NoReaderLanguage"/>).
    /// </summary>
    public static IReadOnlyList<string> HiddenFor(string? translationLanguage, IReadOnlyCollection<string> translatedInto) =>
        translationLanguage is null
            ? translatedInto.Distinct(StringComparer.Ordinal).ToList()
            : [.. Languages.Where(l => l != translationLanguage), NoReaderLanguage];

    /// <summary>The reader key of <see cref="HiddenFor"/> for a reader in none of the six languages.</summary>
    public const string NoReaderLanguage = "none";

    /// <summary>The reader key a search collapses for: the reader's UN language (<see cref="ReaderLanguage"/>), else <see cref="NoReaderLanguage"/>.</summary>
    public static string ReaderKey(string? query, string? uiLanguage) => ReaderLanguage.Of(query, uiLanguage) ?? NoReaderLanguage;

    /// <summary>The reader key a search request collapses for: <see cref="NoReaderLanguage"/> when it asks for originals only.</summary>
    public static string ReaderKey(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.OriginalsOnly ? NoReaderLanguage : ReaderKey(request.Query, request.Language);
    }
}
