using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Catalogue.Translations;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Core.Versions;
using UseCaseHub.Web.Exports;
using UseCaseHub.Web.Metadata;
using UseCaseHub.Web.Search;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Feeds;

/// <summary>
/// <c>/feed.atom?&lt;search parameters&gt;</c>: an Atom 1.0 feed (RFC 4287) of a search's published entries, newest
/// first by their last published version, at most <see cref="FeedOptions.MaxEntries"/>, in the reader's language.
/// Always the public's view (a feed reader has no session, and the answer may sit in shared caches), with a strong
/// ETag and Last-Modified so readers poll with a conditional GET and get an empty 304.
/// </summary>
public static class AtomFeed
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static IEndpointRouteBuilder MapAtomFeed(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/feed.atom", ServeAsync);
        return endpoints;
    }

    private sealed record Item(Entry Entry, DateTimeOffset Updated);

    private static async Task<IResult> ServeAsync(HttpContext context, ISearchEngine engine, HubDbContext db, ITaxonomyLabels labels,
        IStringLocalizer<SharedResource> t, IOptions<SiteOptions> site, IOptions<FeedOptions> options, CancellationToken cancellationToken)
    {
        var query = SearchQuery.Read(context.Request.Query, site.Value.PageSize, SearchAudience.Public);
        if (!query.IsValid)
        {
            // No body: the status code page explains a 400 in the reader's language.
            return TypedResults.BadRequest();
        }

        var items = await ItemsAsync(engine, db, query.Request, options.Value, cancellationToken);
        // Links keep the reader's language prefix; identifiers do not (one id per entry, whatever the feed's language).
        var siteBase = MetadataExtensions.CultureRoot(context, site.Value);
        var root = MetadataExtensions.SiteRoot(context, site.Value);
        var queryString = FeedLinks.SearchQueryString(context.Request.Query);
        var bytes = Write(items, labels, t, siteBase, root, queryString, query.Request.Query);

        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"");
        var lastModified = items.Count == 0 ? DateTimeOffset.UnixEpoch : items.Max(i => i.Updated);
        lastModified = new DateTimeOffset(lastModified.UtcTicks - (lastModified.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = lastModified;
        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.Headers.Vary = "Accept-Language, Cookie";
        var request = context.Request.GetTypedHeaders();
        var notModified = request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(e => e.Equals(EntityTagHeaderValue.Any) || e.Compare(etag, useStrongComparison: false))
            : request.IfModifiedSince is { } since && since >= lastModified;
        return notModified
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(bytes, "application/atom+xml; charset=utf-8");
    }

    /// <summary>
    /// The feed's entries: the newest <see cref="FeedOptions.CandidateWindow"/> hits by first publication, each dated by its
    /// last published version (a published revision moves it up), newest first, the first <see cref="FeedOptions.MaxEntries"/>.
    /// </summary>
    private static async Task<List<Item>> ItemsAsync(ISearchEngine engine, HubDbContext db, SearchRequest search, FeedOptions options, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        var seen = new HashSet<Guid>();
        var size = SearchRequest.MaxPageSize;
        for (var page = 1; ids.Count < options.CandidateWindow; page++)
        {
            var result = await engine.SearchAsync(search with { Sort = SearchSort.Newest, Page = page, PageSize = size, Facets = [], Highlight = false }, cancellationToken);
            ids.AddRange(result.Hits.Select(h => h.Id).Where(seen.Add).Take(options.CandidateWindow - ids.Count));
            if (result.Hits.Count < size || (long)page * size >= result.Total)
            {
                break;
            }
        }

        // A hit may be a translation (its own id): dated by its entry's versions.
        var translations = await db.EntryTranslations.AsNoTracking().VisibleTo(db.Entries, SearchAudience.Public)
            .Where(tr => ids.Contains(tr.Id)).Select(tr => new { tr.Id, tr.EntryId }).ToDictionaryAsync(tr => tr.Id, tr => tr.EntryId, cancellationToken);
        var entryIds = ids.Select(id => translations.GetValueOrDefault(id, id)).Distinct().ToList();
        var entries = await db.Entries.AsNoTracking().PublicOnly().Where(e => entryIds.Contains(e.Id))
            .Select(e => new { e.Id, e.PublishedAt, e.UpdatedAt }).ToListAsync(cancellationToken);
        var versions = await db.EntryVersions.AsNoTracking().Where(v => entryIds.Contains(v.EntryId) && v.Outcome == VersionOutcome.Published)
            .Select(v => new { v.EntryId, v.DecidedAt, v.RecordedAt }).ToListAsync(cancellationToken);
        var lastPublished = versions.GroupBy(v => v.EntryId).ToDictionary(g => g.Key, g => g.Max(v => v.DecidedAt ?? v.RecordedAt));
        var updated = entries.ToDictionary(e => e.Id, e => lastPublished.TryGetValue(e.Id, out var at) ? at : e.PublishedAt ?? e.UpdatedAt);

        var chosen = ids.Where(id => updated.ContainsKey(translations.GetValueOrDefault(id, id)))
            .Select((id, rank) => (Id: id, Rank: rank, Updated: updated[translations.GetValueOrDefault(id, id)]))
            .OrderByDescending(c => c.Updated).ThenBy(c => c.Rank).Take(options.MaxEntries).ToList();
        var loaded = await HitEntries.LoadAsync(db, [.. chosen.Select(c => c.Id)], SearchAudience.Public, cancellationToken);
        return [.. loaded.Zip(chosen, (entry, c) => new Item(entry, c.Updated))];
    }

    private static byte[] Write(List<Item> items, ITaxonomyLabels labels, IStringLocalizer t, Uri siteBase, Uri root, string queryString, string words)
    {
        var language = TaxonomyLabels.CurrentLanguage;
        var self = new Uri(siteBase, "feed.atom" + queryString).AbsoluteUri;
        using var buffer = new MemoryStream();
        // Through SafeXml: a search's words or a title may hold characters XML forbids.
        using (var xml = SafeXml.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, CultureInfo.CurrentUICulture.Name);
            xml.WriteElementString("id", Atom, self);
            var title = t["New and revised entries"].Value;
            xml.WriteElementString("title", Atom, words.Length == 0 ? $"UseCaseHub: {title}" : $"UseCaseHub: {title} ({words})");
            xml.WriteElementString("updated", Atom, Rfc3339(items.Count == 0 ? DateTimeOffset.UnixEpoch : items.Max(i => i.Updated)));
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, "ITU-T SG20 UseCaseHub");
            xml.WriteElementString("uri", Atom, siteBase.AbsoluteUri);
            xml.WriteEndElement();
            Link(xml, "self", "application/atom+xml", self, null);
            Link(xml, "alternate", "text/html", new Uri(siteBase, "search" + queryString).AbsoluteUri, null);
            xml.WriteStartElement("generator", Atom);
            xml.WriteAttributeString("uri", siteBase.AbsoluteUri);
            xml.WriteString("UseCaseHub");
            xml.WriteEndElement();
            foreach (var item in items)
            {
                WriteEntry(xml, item, labels, language, siteBase, root);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static void WriteEntry(XmlWriter xml, Item item, ITaxonomyLabels labels, string language, Uri siteBase, Uri root)
    {
        var entry = item.Entry;
        xml.WriteStartElement("entry", Atom);
        xml.WriteAttributeString("xml", "lang", null, entry.Language);
        // The persistent identifier's address: the same for every language version and for ever.
        xml.WriteElementString("id", Atom, new Uri(root, "id/" + entry.Pid).AbsoluteUri);
        xml.WriteElementString("title", Atom, entry.Title);
        xml.WriteElementString("updated", Atom, Rfc3339(item.Updated));
        if (entry.PublishedAt is { } published)
        {
            xml.WriteElementString("published", Atom, Rfc3339(published));
        }

        Link(xml, "alternate", "text/html", new Uri(siteBase, entry.Path.TrimStart('/')).AbsoluteUri, entry.Language);
        xml.WriteElementString("summary", Atom, entry.Summary);
        xml.WriteStartElement("author", Atom);
        xml.WriteElementString("name", Atom, Citations.Author(entry));
        xml.WriteEndElement();
        string Label(string kind, string code, string fallback) => SearchLabels.Label(labels, kind, code, language, fallback);
        var categories = entry.Sdgs.OrderBy(g => g.Number).Select(g => (Facets.Sdg, Code: g.Number.ToString(CultureInfo.InvariantCulture), Label: Label(TaxonomyKinds.Sdg, g.Number.ToString(CultureInfo.InvariantCulture), g.ShortTitle)))
            .Concat(entry.Verticals.Select(v => (Facets.Vertical, Code: v.Slug, Label: Label(TaxonomyKinds.Vertical, v.Slug, v.Name))))
            .Concat(entry.Countries.Select(c => (Facets.Country, Code: c.Iso2, Label: Label(TaxonomyKinds.Country, c.Iso2, c.Name))))
            .Concat(entry.Technologies.Select(tech => (Facets.Technology, Code: tech.Slug, Label: Label(TaxonomyKinds.Technology, tech.Slug, tech.Name))))
            .Concat(entry.Standards.Select(s => (Facets.Standard, Code: s.Code, Label: s.Code)));
        foreach (var (facet, code, label) in categories)
        {
            xml.WriteStartElement("category", Atom);
            xml.WriteAttributeString("term", code);
            // The scheme is the search filtering on that facet: term appended, it lists the entries with the tag.
            xml.WriteAttributeString("scheme", new Uri(siteBase, $"search?{facet}=").AbsoluteUri);
            xml.WriteAttributeString("label", label);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, string type, string href, string? hreflang)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        if (hreflang is not null)
        {
            xml.WriteAttributeString("hreflang", hreflang);
        }

        xml.WriteEndElement();
    }

    /// <summary>RFC 3339 in UTC with whole seconds (<c>2026-11-30T09:15:00Z</c>).</summary>
    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
