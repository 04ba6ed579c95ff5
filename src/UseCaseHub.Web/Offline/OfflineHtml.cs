using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Markdown;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Web.Localization;

namespace UseCaseHub.Web.Offline;

/// <summary>
/// The zip's HTML: an index and one page per entry, each a whole document that opens from a folder without a
/// connection: inline CSS, no scripts, nothing fetched (images in the text become links to them).
/// </summary>
public sealed class OfflineHtml(MarkdownRenderer markdown, IStringLocalizer<SharedResource> text, ITaxonomyLabels labels)
{
    // Every script written as itself, as on the site: entities would triple the bytes of Arabic or Chinese text.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style =
        "body{font:1rem/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#1a1a1a}" +
        "a{color:#0b5394}h1{font-size:1.5rem;line-height:1.25}h2{font-size:1.15rem;margin-block-start:1.5rem}" +
        ".kind,.meta{color:#555;font-size:.9rem}.lead{font-size:1.1rem}dt{font-weight:bold}dd{margin:0 0 .5rem}" +
        "ol.entries{padding-inline-start:1.25rem}ol.entries li{margin-block-end:1rem}pre,code{white-space:pre-wrap}" +
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem}";

    /// <summary>The list: titles linking to the entry files, summaries, and where the search came from.</summary>
    public string Index(OfflineListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var html = Start(text["Download for offline"]);
        html.Append("<h1>UseCaseHub</h1>");
        if (listing.Query.Length > 0)
        {
            html.Append("<p>").Append(E(text["Search"])).Append(": <bdi>").Append(E(listing.Query)).Append("</bdi></p>");
        }

        html.Append("<p class=\"meta\">").Append(E(Count(listing.Entries.Count, listing.Total))).Append(' ')
            .Append(E(text["Downloaded on {0}", listing.Date.ToString("d", CultureInfo.CurrentCulture)])).Append("</p>")
            .Append("<p><a href=\"").Append(E(listing.SearchUrl)).Append("\">").Append(E(text["Open this search on the site"])).Append("</a></p>")
            .Append("<ol class=\"entries\">");
        foreach (var (entry, file) in listing.Entries)
        {
            var dir = Dir(entry.Language);
            html.Append("<li><p class=\"kind\">").Append(E(Kind(entry))).Append(" · ").Append(E(entry.Pid)).Append("</p>")
                .Append("<a href=\"entries/").Append(E(file)).Append(".html\" lang=\"").Append(E(entry.Language)).Append("\" dir=\"").Append(dir).Append("\">")
                .Append(E(entry.Title)).Append("</a> (<a href=\"entries/").Append(E(file)).Append(".md\">Markdown</a>)")
                .Append("<p lang=\"").Append(E(entry.Language)).Append("\" dir=\"").Append(dir).Append("\">").Append(E(entry.Summary)).Append("</p></li>");
        }

        return html.Append("</ol></body></html>").ToString();
    }

    /// <summary>
    /// One entry, as its page on the site shows it: facts with labels, the text through the same sanitising renderer,
    /// the four standpoints, links and sources, the identifier and the citation line.
    /// </summary>
    public string Entry(Entry entry, Uri permanentLink)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(permanentLink);
        var dir = Dir(entry.Language);
        var lang = $" lang=\"{E(entry.Language)}\" dir=\"{dir}\"";
        var link = permanentLink.AbsoluteUri;
        var html = Start(entry.Title)
            .Append("<p><a href=\"../index.html\">").Append(E(text["All entries in this download"])).Append("</a></p><article>")
            .Append("<p class=\"kind\">").Append(E(Kind(entry))).Append("</p>")
            .Append("<h1").Append(lang).Append('>').Append(E(entry.Title)).Append("</h1>")
            .Append("<p class=\"lead\"").Append(lang).Append('>').Append(E(entry.Summary)).Append("</p><dl>");
        Fact(html, text["Identifier"], $"<a href=\"{E(link)}\">{E(entry.Pid)}</a>");
        Fact(html, text["Countries"], Names(entry.Countries.Select(c => labels.Label(Facets.Country, c.Iso2, c.Name))));
        var targets = entry.SdgTargets.Select(s => s.Code).Order(StringComparer.Ordinal).ToList();
        Fact(html, text["Sdgs"], Names(entry.Sdgs.OrderBy(g => g.Number).Select(g => $"{g.Number} · {labels.Label(Facets.Sdg, g.Number.ToString(CultureInfo.InvariantCulture), g.ShortTitle)}"), sort: false)
            + (targets.Count > 0 ? $" ({E(text["Targets"])}: <bdi>{E(string.Join(", ", targets))}</bdi>)" : ""));
        Fact(html, text["Verticals"], Names(entry.Verticals.Select(v => labels.Label(Facets.Vertical, v.Slug, v.Name))));
        Fact(html, text["Technologies"], Names(entry.Technologies.Select(v => labels.Label(Facets.Technology, v.Slug, v.Name))));
        Fact(html, text["Standards cited"], Names(entry.Standards.Select(s => s.Code)));
        Fact(html, text["Organisations"], Names(new[] { entry.Organization?.Name }.Concat(entry.Partners.Select(p => p.Name)).OfType<string>(), sort: false));
        html.Append("</dl><div class=\"body\"").Append(lang).Append('>').Append(SelfContained(markdown.ToHtml(entry.Body))).Append("</div>");
        if (entry is UseCase useCase)
        {
            foreach (var (heading, section) in new[]
            {
                (text["Interoperability"], useCase.Interoperability), (text["Data and identifiers"], useCase.DataAndIdentifiers),
                (text["Security and trust"], useCase.SecurityAndTrust), (text["Lessons learned"], useCase.LessonsLearned),
            }.Where(s => !string.IsNullOrWhiteSpace(s.Item2)))
            {
                html.Append("<section><h2>").Append(E(heading)).Append("</h2><div").Append(lang).Append('>')
                    .Append(SelfContained(markdown.ToHtml(section))).Append("</div></section>");
            }
        }

        Links(html, text["Further reading"], entry.Links.Select(l => (l.Url, l.Title)), "ul");
        Links(html, text["Sources"], entry.Sources.Select(s => (s, s)), "ol");
        // The entry page's citation line (one author and year rule, in Citations).
        var citation = Metadata.Citations.HubLine(entry, link);
        html.Append("<section><h2>").Append(E(text["Cite this entry"])).Append("</h2><p>")
            .Append(E(citation.Before)).Append("<cite").Append(lang).Append('>').Append(E(citation.Title))
            .Append("</cite>").Append(E(citation.After)).Append("<a href=\"").Append(E(citation.Link)).Append("\">").Append(E(citation.Link)).Append("</a></p>")
            .Append("<p>").Append(E(text["Licence"])).Append(": ").Append(E(entry.Licence)).Append("</p></section>");
        return html.Append("</article></body></html>").ToString();
    }

    /// <summary>"N entries", or "the best N of M" when the search found more than one download holds.</summary>
    public string Count(int entries, long total) => total > entries
        ? text["The search finds {0} entries; this download holds the first {1}.", total, entries]
        : text["This download holds {0} entries.", entries];

    /// <summary>
    /// Sanitised entry HTML made to open offline: nothing may be fetched from the network when the file is opened, so an
    /// image becomes a link to it, and any other element that loads something (and inline styles) is dropped.
    /// </summary>
    public static string SelfContained(string html)
    {
        if (html.Length == 0)
        {
            return html;
        }

        var document = new HtmlParser().ParseDocument("<body>" + html);
        foreach (var element in document.Body!.QuerySelectorAll("*").ToList())
        {
            element.RemoveAttribute("style");
            element.RemoveAttribute("srcset");
            if (element.HasAttribute("src") || element.LocalName is "img" or "picture" or "video" or "audio" or "source" or "track" or "iframe" or "object" or "embed" or "link" or "script" or "style")
            {
                var source = element.GetAttribute("src") ?? "";
                var label = element.GetAttribute("alt") is { Length: > 0 } alt ? alt : source;
                if (element.LocalName == "img" && (source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("http://", StringComparison.OrdinalIgnoreCase)))
                {
                    var anchor = document.CreateElement("a");
                    anchor.SetAttribute("href", source);
                    anchor.TextContent = label;
                    element.Replace(anchor);
                }
                else
                {
                    element.Replace(document.CreateTextNode(label));
                }
            }
        }

        return document.Body.InnerHtml;
    }

    private static StringBuilder Start(string title)
    {
        var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return new StringBuilder(8192)
            .Append("<!DOCTYPE html><html lang=\"").Append(E(culture)).Append("\" dir=\"").Append(Dir(culture)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(E(title)).Append("</title>")
            .Append("<style>").Append(Style).Append("</style></head><body>");
    }

    private string Kind(Entry entry) => entry is UseCase useCase
        ? $"{labels.Label(entry.Kind)} · {labels.Label(useCase.Stage)}"
        : labels.Label(entry.Kind);

    private static void Fact(StringBuilder html, string term, string definition)
    {
        if (definition.Length > 0)
        {
            html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(definition).Append("</dd>");
        }
    }

    private static string Names(IEnumerable<string> names, bool sort = true) =>
        E(string.Join(", ", sort ? names.Order(StringComparer.CurrentCulture) : names));

    private static void Links(StringBuilder html, string heading, IEnumerable<(string Url, string Text)> links, string list)
    {
        var items = links.ToList();
        if (items.Count == 0)
        {
            return;
        }

        html.Append("<section><h2>").Append(E(heading)).Append("</h2><").Append(list).Append('>');
        foreach (var (url, caption) in items)
        {
            // Only web addresses become links; anything else (a javascript: URL in a hand-written file) stays text.
            var web = Uri.TryCreate(url, UriKind.Absolute, out var address) && (address.Scheme == Uri.UriSchemeHttps || address.Scheme == Uri.UriSchemeHttp);
            html.Append("<li>");
            if (web)
            {
                html.Append("<a href=\"").Append(E(address!.AbsoluteUri)).Append("\" rel=\"noopener\">").Append(E(caption)).Append("</a>");
            }
            else
            {
                html.Append(E(caption));
            }

            html.Append("</li>");
        }

        html.Append("</").Append(list).Append("></section>");
    }

    private static string Dir(string language) => Languages.IsRightToLeft(language) ? "rtl" : "ltr";

    private static string E(string value) => Encoder.Encode(value);
}

/// <summary>What the index lists: the search's words, the entries with their file names, how many the search found.</summary>
public sealed record OfflineListing(string Query, IReadOnlyList<(Entry Entry, string File)> Entries, long Total, DateOnly Date, string SearchUrl);
