using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Catalogue.Translations;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Localization;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Metadata;

/// <summary>One address of the sitemap: absolute, with its last change and the same page in its other languages.</summary>
public sealed record SitemapUrl(string Loc, DateTimeOffset? LastModified, IReadOnlyList<(string Language, string Href)> Alternates);

/// <summary>
/// <c>/sitemap.xml</c> (sitemaps.org 0.9 with <c>xhtml:link</c> alternates): every public entry in the language of its
/// text and every visible translation in its own (each at its language's prefix, the address where page and text
/// agree), alternates between them; the home page, lists, taxonomy pages with entries and content pages in every UI
/// language. Above <see cref="MetadataOptions.SitemapMaxUrls"/> addresses it is an index of <c>/sitemap-{n}.xml</c>.
/// </summary>
public sealed class Sitemap(HubDbContext db, CatalogueQueries catalogue, IMemoryCache cache, IOptions<MetadataOptions> options,
    IOptions<SiteOptions> site, IOptions<HubLocalizationOptions> localization)
{
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    public async Task<IResult> WriteAsync(HttpContext context, int? part, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = MetadataExtensions.SiteRoot(context, site.Value);
        var seconds = options.Value.SitemapCacheSeconds;
        var urls = seconds == 0
            ? await UrlsAsync(root, cancellationToken)
            : await cache.GetOrCreateAsync(("sitemap", root.ToString()), async item =>
            {
                item.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds);
                return await UrlsAsync(root, cancellationToken);
            }) ?? [];
        var size = options.Value.SitemapMaxUrls;
        var parts = Math.Max(1, (urls.Count + size - 1) / size);
        string xml;
        if (part is null)
        {
            xml = parts == 1 ? UrlSet(urls) : Index(root, parts);
        }
        else if (parts > 1 && part >= 1 && part <= parts)
        {
            xml = UrlSet(urls.Skip((part.Value - 1) * size).Take(size).ToList());
        }
        else
        {
            return Results.NotFound();
        }

        return Results.Text(xml, "application/xml; charset=utf-8");
    }

    /// <summary>Every address, in a stable order (entries by PID, then the site's pages).</summary>
    public async Task<List<SitemapUrl>> UrlsAsync(Uri root, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        var cultures = localization.Value.EffectiveCultures;
        var home = root.ToString().TrimEnd('/');
        string At(string language, string path) =>
            language == localization.Value.DefaultCulture || !cultures.Contains(language, StringComparer.Ordinal) ? home + path : $"{home}/{language}{path}";

        var entries = await catalogue.Published.Where(e => e.RevisionOfId == null)
            .Select(e => new { e.Id, e.Pid, Type = EF.Property<string>(e, "Type"), e.Slug, e.Language, e.UpdatedAt })
            .ToListAsync(cancellationToken);
        var translations = (await db.EntryTranslations.AsNoTracking().VisibleTo(db.Entries, SearchAudience.Public)
            .Select(t => new { t.EntryId, t.Language, t.Slug, t.UpdatedAt }).ToListAsync(cancellationToken))
            .ToLookup(t => t.EntryId);
        var urls = new List<SitemapUrl>(entries.Count * 2);
        foreach (var entry in entries.OrderBy(e => e.Pid, StringComparer.Ordinal))
        {
            var segment = Enum.Parse<EntryKind>(entry.Type).UrlSegment();
            var versions = new[] { (entry.Language, entry.Slug, Updated: entry.UpdatedAt) }
                .Concat(translations[entry.Id].Select(t => (t.Language, t.Slug, Updated: t.UpdatedAt > entry.UpdatedAt ? t.UpdatedAt : entry.UpdatedAt)))
                .ToList();
            var alternates = versions.Select(v => (v.Language, At(v.Language, $"/{segment}/{v.Slug}"))).ToList();
            urls.AddRange(versions.Select(v => new SitemapUrl(At(v.Language, $"/{segment}/{v.Slug}"), v.Updated, alternates.Count > 1 ? alternates : [])));
        }

        var countries = await catalogue.Published.SelectMany(e => e.Countries)
            .Select(c => new { c.Iso2, c.RegionCode, c.SubRegionCode, c.IntermediateRegionCode, c.ItuRegionCode }).Distinct().ToListAsync(cancellationToken);
        var regions = countries.SelectMany(c => new[] { c.RegionCode, c.SubRegionCode, c.IntermediateRegionCode, c.ItuRegionCode })
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var verticals = await db.Verticals.AsNoTracking().OrderBy(v => v.Slug).Select(v => v.Slug).ToListAsync(cancellationToken);
        var pages = (await db.Pages.AsNoTracking().Select(p => new { p.Slug, p.UpdatedAt }).ToListAsync(cancellationToken))
            .GroupBy(p => p.Slug, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ($"/{g.Key}", (DateTimeOffset?)g.Max(p => p.UpdatedAt)));
        var sitePaths = new List<(string Path, DateTimeOffset? Updated)> { ("/", null), ("/use-cases", null), ("/best-practices", null), ("/sdg", null) };
        sitePaths.AddRange(Enumerable.Range(1, 17).Select(n => ($"/sdg/{n.ToString(CultureInfo.InvariantCulture)}", (DateTimeOffset?)null)));
        sitePaths.Add(("/verticals", null));
        sitePaths.AddRange(verticals.Select(v => ($"/verticals/{v}", (DateTimeOffset?)null)));
        sitePaths.Add(("/regions", null));
        sitePaths.AddRange(regions.Select(r => ($"/regions/{r}", (DateTimeOffset?)null)));
        sitePaths.Add(("/countries", null));
        sitePaths.AddRange(countries.Select(c => c.Iso2).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(c => ($"/countries/{c}", (DateTimeOffset?)null)));
        sitePaths.Add(("/api", null));
        sitePaths.AddRange(pages);
        foreach (var (path, updated) in sitePaths)
        {
            var alternates = cultures.Select(c => (c, At(c, path == "/" && c != localization.Value.DefaultCulture ? "" : path))).ToList();
            urls.AddRange(alternates.Select(a => new SitemapUrl(a.Item2, updated, alternates)));
        }

        return urls;
    }

    /// <summary>A W3C datetime to the second, in UTC (the form sitemaps.org asks for).</summary>
    public static string W3CDate(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string UrlSet(IReadOnlyList<SitemapUrl> urls) => Xml(writer =>
    {
        writer.WriteStartElement("urlset", Namespace);
        writer.WriteAttributeString("xmlns", "xhtml", null, XhtmlNamespace);
        foreach (var url in urls)
        {
            writer.WriteStartElement("url", Namespace);
            writer.WriteElementString("loc", Namespace, url.Loc);
            if (url.LastModified is { } modified)
            {
                writer.WriteElementString("lastmod", Namespace, W3CDate(modified));
            }

            foreach (var (language, href) in url.Alternates)
            {
                writer.WriteStartElement("xhtml", "link", XhtmlNamespace);
                writer.WriteAttributeString("rel", "alternate");
                writer.WriteAttributeString("hreflang", language);
                writer.WriteAttributeString("href", href);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    });

    private static string Index(Uri root, int parts) => Xml(writer =>
    {
        writer.WriteStartElement("sitemapindex", Namespace);
        for (var n = 1; n <= parts; n++)
        {
            writer.WriteStartElement("sitemap", Namespace);
            writer.WriteElementString("loc", Namespace, new Uri(root, $"sitemap-{n.ToString(CultureInfo.InvariantCulture)}.xml").ToString());
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    });

    /// <summary>A whole XML document as text (sitemap and OAI-PMH), written through <see cref="SafeXml"/>.</summary>
    internal static string Xml(Action<XmlWriter> write)
    {
        var text = new StringBuilder();
        using (var writer = SafeXml.Create(new StringWriterUtf8(text), new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }

        return text.ToString();
    }

    /// <summary>A string writer that declares UTF-8 (the encoding the answer is sent in), not UTF-16.</summary>
    internal sealed class StringWriterUtf8(StringBuilder text) : StringWriter(text, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
