using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Web.Localization;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Metadata;

public sealed class MetadataOptions
{
    public const string Section = "Metadata";

    /// <summary>Addresses in one sitemap file; above it <c>/sitemap.xml</c> becomes an index of <c>/sitemap-{n}.xml</c> (the protocol's limit is 50,000).</summary>
    [Range(10, 50_000)]
    public int SitemapMaxUrls { get; set; } = 50_000;

    /// <summary>How long a built sitemap is served from memory (a crawler reads it often; 100,000 entries cost a few queries).</summary>
    [Range(0, 86_400)]
    public int SitemapCacheSeconds { get; set; } = 300;
}

/// <summary>
/// Open metadata for machines: schema.org JSON-LD and OpenGraph tags on entry pages (partials), citations in BibTeX and
/// RIS, <c>/sitemap.xml</c> and <c>/robots.txt</c>. Only public entries ever appear (the one rule in
/// <see cref="UseCaseHub.Core.Access.Visibility"/>, read through <see cref="CatalogueQueries"/>).
/// </summary>
public static class MetadataExtensions
{
    public static IServiceCollection AddHubMetadata(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetadataOptions>().Bind(configuration.GetSection(MetadataOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Sitemap>();
        return services;
    }

    public static WebApplication MapHubMetadata(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/entries/{slug}/cite.bib", (string slug, HttpContext context, CatalogueQueries catalogue, CancellationToken cancellationToken) =>
            CiteAsync(slug, context, catalogue, "bib", cancellationToken));
        app.MapGet("/entries/{slug}/cite.ris", (string slug, HttpContext context, CatalogueQueries catalogue, CancellationToken cancellationToken) =>
            CiteAsync(slug, context, catalogue, "ris", cancellationToken));
        app.MapGet("/sitemap.xml", (Sitemap sitemap, HttpContext context, CancellationToken cancellationToken) => sitemap.WriteAsync(context, null, cancellationToken));
        app.MapGet("/sitemap-{n:int}.xml", (int n, Sitemap sitemap, HttpContext context, CancellationToken cancellationToken) => sitemap.WriteAsync(context, n, cancellationToken));
        app.MapGet("/robots.txt", (HttpContext context, IOptions<SiteOptions> site, IOptions<HubLocalizationOptions> cultures) =>
            Results.Text(Robots.Text(SiteRoot(context, site.Value), cultures.Value.EffectiveCultures), "text/plain; charset=utf-8"));
        return app;
    }

    /// <summary>The site's root address without the culture prefix (the configured public address outside Development and Testing).</summary>
    public static Uri SiteRoot(HttpContext context, SiteOptions site)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(site);
        var basePath = context.Request.PathBase.Value ?? "";
        if (context.Items[CulturePrefixMiddleware.ItemKey] is string prefix && basePath.EndsWith("/" + prefix, StringComparison.OrdinalIgnoreCase))
        {
            basePath = basePath[..^(prefix.Length + 1)];
        }

        return site.PublicBaseOr(new Uri($"{context.Request.Scheme}://{context.Request.Host}{basePath}"));
    }

    /// <summary>
    /// <see cref="SiteRoot"/> plus the culture prefix the request came with (<c>/fr/</c>): the base of links a reader
    /// follows in the same language. Identifiers use <see cref="SiteRoot"/>, the same for every language.
    /// </summary>
    public static Uri CultureRoot(HttpContext context, SiteOptions site)
    {
        var root = SiteRoot(context, site);
        return context.Items[CulturePrefixMiddleware.ItemKey] is string prefix ? new Uri(root, prefix + "/") : root;
    }

    /// <summary>A published entry, or a visible translation of one (cited in its language), by its slug.</summary>
    internal static async Task<Entry?> CitableAsync(CatalogueQueries catalogue, string slug, CancellationToken cancellationToken)
    {
        foreach (var kind in new[] { EntryKind.UseCase, EntryKind.BestPractice })
        {
            if (await catalogue.EntryOrTranslationAsync(kind, slug, cancellationToken) is { } found)
            {
                if (found.Translation is not null)
                {
                    TranslatedView.Apply(found.Entry, found.Translation);
                }

                return found.Entry;
            }
        }

        return null;
    }

    private static async Task<IResult> CiteAsync(string slug, HttpContext context, CatalogueQueries catalogue, string format, CancellationToken cancellationToken)
    {
        // Slugs are short and plain; anything else cannot name an entry (and is not worth a query).
        if (slug.Length > 200 || await CitableAsync(catalogue, slug, cancellationToken) is not { } entry)
        {
            return Results.NotFound();
        }

        var link = new Uri(SiteRoot(context, context.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value), "id/" + entry.Pid).ToString();
        var (text, type) = format == "bib"
            ? (Citations.BibTeX(entry, link), "application/x-bibtex; charset=utf-8")
            : (Citations.Ris(entry, link), "application/x-research-info-systems; charset=utf-8");
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{entry.Pid}.{format}\"";
        return Results.Text(text, type);
    }
}
