using System.Net.Mime;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Web.Insights;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Exports;

/// <summary>
/// One entry as JSON (<c>/{kind}/{slug}/export.json</c>) or as its content file (<c>/{kind}/{slug}/export.md</c>, the
/// format <see cref="ContentImporter"/> reads back). Read exactly as the entry page reads it (<see cref="CatalogueQueries"/>:
/// public entries, and visible translations at their own slugs), so an export never shows what the page would not.
/// </summary>
public static class EntryExports
{
    /// <summary>Every script written as itself (Arabic and Chinese stay readable); HTML-sensitive characters escaped.</summary>
    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = true,
    };

    internal const string KindRoute = "{kind:regex(^(use-cases|best-practices)$)}/{slug}";

    public static IEndpointRouteBuilder MapEntryExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(KindRoute + "/export.json", JsonAsync);
        endpoints.MapGet(KindRoute + "/export.md", MarkdownAsync);
        return endpoints;
    }

    private static async Task<IResult> JsonAsync(string kind, string slug, HttpContext context, CatalogueQueries catalogue, ITaxonomyLabels labels,
        IOptions<SiteOptions> site, EntryTraffic traffic, CancellationToken cancellationToken)
    {
        if (await catalogue.EntryOrTranslationAsync(KindOf(kind), slug, cancellationToken) is not { } found)
        {
            return TypedResults.NotFound();
        }

        traffic.Download(context, found.Entry.Id);

        var siteBase = site.Value.PublicBaseFor(context.Request);
        var versions = (await catalogue.LanguageVersionsAsync(found.Entry, cancellationToken))
            .Select(v => new LanguageLink(v.Language, new Uri(siteBase, v.Path.TrimStart('/')).AbsoluteUri, v.IsOriginal)).ToList();
        if (found.Translation is not null)
        {
            TranslatedView.Apply(found.Entry, found.Translation);
        }

        var document = EntryDocument.From(found.Entry, labels, TaxonomyLabels.CurrentLanguage, siteBase, versions);
        context.Response.Headers.ContentDisposition = FileName(DispositionTypeNames.Inline, found.Entry.Pid, found.Entry.Slug, "json");
        return TypedResults.Json(document, Json, "application/json; charset=utf-8");
    }

    private static async Task<IResult> MarkdownAsync(string kind, string slug, HttpContext context, CatalogueQueries catalogue, EntryTraffic traffic,
        CancellationToken cancellationToken)
    {
        if (await catalogue.EntryOrTranslationAsync(KindOf(kind), slug, cancellationToken) is not { } found)
        {
            return TypedResults.NotFound();
        }

        traffic.Download(context, found.Entry.Id);

        // The contact address is not shown on the site, so it is not handed out here either (the offline zip does the same).
        found.Entry.Contact = null;
        var text = found.Translation is { } translation ? ContentExporter.ToMarkdown(translation) : ContentExporter.ToMarkdown(found.Entry);
        context.Response.Headers.ContentDisposition = FileName(DispositionTypeNames.Attachment, found.Entry.Pid, found.Translation?.Slug ?? found.Entry.Slug, "md");
        return TypedResults.Text(text, "text/markdown; charset=utf-8");
    }

    private static EntryKind KindOf(string kind) => kind == EntryKind.BestPractice.UrlSegment() ? EntryKind.BestPractice : EntryKind.UseCase;

    /// <summary>
    /// The file is named by its slug in <c>filename*</c> (RFC 6266: slugs may be Cyrillic or Chinese, and a raw non-ASCII
    /// header is refused by the server) with the PID as the plain ASCII <c>filename</c> for clients that ignore it.
    /// </summary>
    private static string FileName(string disposition, string pid, string slug, string extension) =>
        new ContentDispositionHeaderValue(disposition) { FileName = $"{pid}.{extension}", FileNameStar = $"{slug}.{extension}" }.ToString();
}
