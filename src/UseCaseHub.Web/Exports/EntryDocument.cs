using System.Globalization;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Web.Search;

namespace UseCaseHub.Web.Exports;

/// <summary>A tag: its code (what the search and the API filter on) and its label in the reader's language.</summary>
public sealed record Tag(string Code, string Label);

/// <summary>A cited standard: its code, title and where it is published.</summary>
public sealed record StandardRef(string Code, string Title, string? Url);

/// <summary>Another language the entry is read in, and where.</summary>
public sealed record LanguageLink(string Language, string Url, bool Original);

/// <summary>
/// One entry as <c>export.json</c> (the shape the README documents). Texts are the version shown (the translation when
/// the address is a translation's), Markdown as stored; tags carry codes and labels in the reader's language.
/// </summary>
public sealed record EntryDocument(
    Guid Id,
    string Pid,
    string Identifier,
    string Url,
    Tag Type,
    string Language,
    string Status,
    string Title,
    string Summary,
    string Body,
    IReadOnlyDictionary<string, string>? Sections,
    Tag? Stage,
    int? StartYear,
    IReadOnlyList<ScaleFigure>? Scale,
    IReadOnlyList<Tag> Verticals,
    IReadOnlyList<Tag> Sdgs,
    IReadOnlyList<Tag> Targets,
    IReadOnlyList<Tag> Countries,
    IReadOnlyList<Tag> Technologies,
    IReadOnlyList<StandardRef> Standards,
    string? Organization,
    IReadOnlyList<string> Partners,
    IReadOnlyList<string> Sources,
    IReadOnlyList<EntryLink> Links,
    IReadOnlyList<string>? DrawsOn,
    DateTimeOffset? Published,
    DateTimeOffset Updated,
    string Licence,
    IReadOnlyList<LanguageLink> Versions)
{
    /// <summary>The document for <paramref name="entry"/> (loaded with its tags and organisations), labels in <paramref name="language"/>.</summary>
    public static EntryDocument From(Entry entry, ITaxonomyLabels labels, string language, Uri siteBase, IReadOnlyList<LanguageLink> versions)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(siteBase);
        Tag Label(string kind, string code, string fallback) => new(code, SearchLabels.Label(labels, kind, code, language, fallback));
        var useCase = entry as UseCase;
        return new EntryDocument(
            entry.Id,
            entry.Pid,
            new Uri(siteBase, "id/" + entry.Pid).AbsoluteUri,
            new Uri(siteBase, entry.Path.TrimStart('/')).AbsoluteUri,
            Label(TaxonomyKinds.Type, SearchTypes.Of(entry.Kind), SearchTypes.Of(entry.Kind)),
            entry.Language,
            entry.Status.ToString().ToLowerInvariant(),
            entry.Title,
            entry.Summary,
            entry.Body,
            useCase is null ? null : new Dictionary<string, string>
            {
                ["interoperability"] = useCase.Interoperability,
                ["dataAndIdentifiers"] = useCase.DataAndIdentifiers,
                ["securityAndTrust"] = useCase.SecurityAndTrust,
                ["lessonsLearned"] = useCase.LessonsLearned,
            },
            useCase is null ? null : Label(TaxonomyKinds.Stage, useCase.Stage.ToString().ToLowerInvariant(), useCase.Stage.ToString()),
            useCase?.StartYear,
            useCase?.Scale,
            [.. entry.Verticals.OrderBy(v => v.Slug, StringComparer.Ordinal).Select(v => Label(TaxonomyKinds.Vertical, v.Slug, v.Name))],
            [.. entry.Sdgs.OrderBy(g => g.Number).Select(g => Label(TaxonomyKinds.Sdg, g.Number.ToString(CultureInfo.InvariantCulture), g.ShortTitle))],
            [.. entry.SdgTargets.OrderBy(t => t.Code, StringComparer.Ordinal).Select(t => Label(TaxonomyKinds.Target, t.Code, t.Code))],
            [.. entry.Countries.OrderBy(c => c.Iso2, StringComparer.Ordinal).Select(c => Label(TaxonomyKinds.Country, c.Iso2, c.Name))],
            [.. entry.Technologies.OrderBy(t => t.Slug, StringComparer.Ordinal).Select(t => Label(TaxonomyKinds.Technology, t.Slug, t.Name))],
            [.. entry.Standards.OrderBy(s => s.Code, StringComparer.Ordinal).Select(s => new StandardRef(s.Code, s.Title, s.Url))],
            entry.Organization?.Name,
            [.. entry.Partners.Select(p => p.Name).Order(StringComparer.Ordinal)],
            entry.Sources,
            entry.Links,
            entry is BestPractice practice ? [.. practice.DrawsOn.Select(u => u.Pid).Order(StringComparer.Ordinal)] : null,
            entry.PublishedAt,
            entry.UpdatedAt,
            entry.Licence,
            versions);
    }
}
