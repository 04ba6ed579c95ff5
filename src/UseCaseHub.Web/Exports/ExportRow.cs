using System.Globalization;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Web.Search;

namespace UseCaseHub.Web.Exports;

/// <summary>
/// One search result as a row of the CSV and JSON exports: identifiers, texts, and tags as labels in the reader's
/// language (several values joined by "; " in CSV, lists in JSON). The columns are <see cref="Columns"/>, in this order.
/// </summary>
public sealed record ExportRow(
    string Pid, Guid Id, string Type, string Title, string Summary, string Language, string Url, string Identifier,
    IReadOnlyList<string> Verticals, IReadOnlyList<string> Sdgs, IReadOnlyList<string> Targets, IReadOnlyList<string> Countries,
    IReadOnlyList<string> Technologies, IReadOnlyList<string> Standards, string? Stage, int? StartYear,
    string? Organization, string? Published, string Licence)
{
    /// <summary>The CSV header (the JSON property names are the same words in camel case).</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "pid", "id", "type", "title", "summary", "language", "url", "identifier", "verticals", "sdgs", "targets", "countries",
        "technologies", "standards", "stage", "startYear", "organization", "published", "licence",
    ];

    public static ExportRow From(Entry entry, ITaxonomyLabels labels, string language, Uri siteBase)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(siteBase);
        string Label(string kind, string code, string fallback) => SearchLabels.Label(labels, kind, code, language, fallback);
        var useCase = entry as UseCase;
        return new ExportRow(
            entry.Pid,
            entry.Id,
            Label(TaxonomyKinds.Type, SearchTypes.Of(entry.Kind), SearchTypes.Of(entry.Kind)),
            entry.Title,
            entry.Summary,
            entry.Language,
            new Uri(siteBase, entry.Path.TrimStart('/')).AbsoluteUri,
            new Uri(siteBase, "id/" + entry.Pid).AbsoluteUri,
            [.. entry.Verticals.Select(v => Label(TaxonomyKinds.Vertical, v.Slug, v.Name)).Order(StringComparer.CurrentCulture)],
            [.. entry.Sdgs.OrderBy(g => g.Number).Select(g => $"{g.Number.ToString(CultureInfo.InvariantCulture)} {Label(TaxonomyKinds.Sdg, g.Number.ToString(CultureInfo.InvariantCulture), g.ShortTitle)}")],
            [.. entry.SdgTargets.Select(t => t.Code).Order(StringComparer.Ordinal)],
            [.. entry.Countries.Select(c => Label(TaxonomyKinds.Country, c.Iso2, c.Name)).Order(StringComparer.CurrentCulture)],
            [.. entry.Technologies.Select(t => Label(TaxonomyKinds.Technology, t.Slug, t.Name)).Order(StringComparer.CurrentCulture)],
            [.. entry.Standards.Select(s => s.Code).Order(StringComparer.Ordinal)],
            useCase is null ? null : Label(TaxonomyKinds.Stage, useCase.Stage.ToString().ToLowerInvariant(), useCase.Stage.ToString()),
            useCase?.StartYear,
            entry.Organization?.Name,
            entry.PublishedAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            entry.Licence);
    }

    /// <summary>The cells in <see cref="Columns"/> order, lists joined by "; ".</summary>
    public IEnumerable<string> Cells()
    {
        yield return Pid;
        yield return Id.ToString();
        yield return Type;
        yield return Title;
        yield return Summary;
        yield return Language;
        yield return Url;
        yield return Identifier;
        yield return string.Join("; ", Verticals);
        yield return string.Join("; ", Sdgs);
        yield return string.Join("; ", Targets);
        yield return string.Join("; ", Countries);
        yield return string.Join("; ", Technologies);
        yield return string.Join("; ", Standards);
        yield return Stage ?? "";
        yield return StartYear?.ToString(CultureInfo.InvariantCulture) ?? "";
        yield return Organization ?? "";
        yield return Published ?? "";
        yield return Licence;
    }
}
