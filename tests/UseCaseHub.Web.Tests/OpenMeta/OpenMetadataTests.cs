using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Web.Metadata;

namespace UseCaseHub.Web.Tests.OpenMeta;

/// <summary>JSON-LD, OpenGraph and Twitter tags on entry pages; citations; the sitemap and robots.txt.</summary>
[Collection(OpenMetaHostGroup.Name)]
public sealed partial class OpenMetadataTests(OpenMetaHubFactory factory)
{
    private static readonly XNamespace Sm = Sitemap.Namespace;
    private static readonly XNamespace Xhtml = Sitemap.XhtmlNamespace;
    private readonly HttpClient _client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<string> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        await factory.PrepareAsync();
        var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {response.StatusCode}\n{body[..Math.Min(body.Length, 500)]}");
        return body;
    }

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLdScript();

    [GeneratedRegex("<link rel=\"canonical\" href=\"([^\"]+)\"")]
    private static partial Regex CanonicalLink();

    private static string Meta(string html, string property)
    {
        var match = Regex.Match(html, $"<meta (?:property|name)=\"{Regex.Escape(property)}\" content=\"([^\"]*)\"");
        Assert.True(match.Success, $"no {property}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static JsonElement JsonLd(string html)
    {
        var scripts = JsonLdScript().Matches(html);
        Assert.Single(scripts);
        return JsonDocument.Parse(scripts[0].Groups[1].Value).RootElement.Clone();
    }

    private static List<JsonElement> Items(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [value] : [];

    [Fact]
    public async Task A_use_case_page_describes_itself_as_a_schema_org_report()
    {
        var html = await GetAsync("/use-cases/kenya-water");
        var ld = JsonLd(html);
        var canonical = CanonicalLink().Match(html).Groups[1].Value;
        Assert.Equal("https://schema.org", ld.GetProperty("@context").GetString());
        Assert.Equal("Report", ld.GetProperty("@type").GetString());
        Assert.Equal("Smart water metering in Kenya", ld.GetProperty("name").GetString());
        Assert.Equal("A fixture entry about smart water metering in kenya.", ld.GetProperty("description").GetString());
        Assert.Equal("en", ld.GetProperty("inLanguage").GetString());
        Assert.Equal(canonical, ld.GetProperty("url").GetString());
        var identifiers = Items(ld, "identifier").ToList();
        Assert.Contains(identifiers, i => i.ValueKind == JsonValueKind.Object && i.GetProperty("value").GetString() == "UC-2026-00001"
            && i.GetProperty("url").GetString()!.EndsWith("/id/UC-2026-00001", StringComparison.Ordinal));
        Assert.Contains(identifiers, i => i.ValueKind == JsonValueKind.String && i.GetString() == "urn:uuid:195dbc3c-3646-5c86-88fe-1ba6d4bf65df");
        var sdg = Assert.Single(Items(ld, "about"), a => a.GetProperty("termCode").GetString() == "6");
        Assert.Equal("DefinedTerm", sdg.GetProperty("@type").GetString());
        Assert.Equal(EntryJsonLd.SdgTermSet, sdg.GetProperty("inDefinedTermSet").GetProperty("@id").GetString());
        Assert.Contains(Items(ld, "about"), a => a.GetProperty("termCode").GetString() == "6.1");
        var place = Assert.Single(Items(ld, "spatialCoverage"));
        Assert.Equal("Kenya", place.GetProperty("name").GetString());
        Assert.Contains(Items(place, "identifier"), i => i.GetProperty("propertyID").GetString() == "UN M49" && i.GetProperty("value").GetString() == "404");
        Assert.Contains(Items(ld, "citation"), c => c.GetProperty("name").GetString() == "ITU-T Y.4900");
        Assert.Equal("https://creativecommons.org/licenses/by/4.0/", ld.GetProperty("license").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", ld.GetProperty("datePublished").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", ld.GetProperty("dateModified").GetString());
        Assert.Equal("Fixture Utility", ld.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal("Organization", ld.GetProperty("publisher").GetProperty("@type").GetString());
        Assert.Equal(2, Items(ld, "workTranslation").Count);

        // OpenGraph and Twitter cards point at the same canonical address.
        Assert.Equal(canonical, Meta(html, "og:url"));
        Assert.Equal("article", Meta(html, "og:type"));
        Assert.Equal("Smart water metering in Kenya", Meta(html, "og:title"));
        Assert.Equal("en_GB", Meta(html, "og:locale"));
        Assert.Equal("summary", Meta(html, "twitter:card"));
        Assert.Equal("Smart water metering in Kenya", Meta(html, "twitter:title"));
    }

    [Fact]
    public async Task A_best_practice_is_a_creative_work_and_a_translation_points_at_its_original()
    {
        var practice = JsonLd(await GetAsync("/best-practices/choosing-lpwan"));
        Assert.Equal("CreativeWork", practice.GetProperty("@type").GetString());
        Assert.Equal("best practice", practice.GetProperty("genre").GetString());

        var html = await GetAsync("/fr/use-cases/compteurs-eau-kenya");
        var translation = JsonLd(html);
        Assert.Equal("fr", translation.GetProperty("inLanguage").GetString());
        Assert.Equal("en", translation.GetProperty("translationOfWork").GetProperty("inLanguage").GetString());
        Assert.EndsWith("/use-cases/kenya-water", translation.GetProperty("translationOfWork").GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(CanonicalLink().Match(html).Groups[1].Value, translation.GetProperty("url").GetString());
        Assert.Equal("fr_FR", Meta(html, "og:locale"));
    }

    [Fact]
    public async Task A_hostile_title_stays_inside_the_json_ld_and_the_meta_tags()
    {
        var html = await GetAsync("/use-cases/hostile-markdown");
        var ld = JsonLd(html);
        Assert.Equal(OpenMetaHubFactory.HostileTitle, ld.GetProperty("name").GetString());
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];
        Assert.Equal(1, Regex.Count(head, "<script", RegexOptions.IgnoreCase));
        Assert.Equal(1, Regex.Count(head, "</script", RegexOptions.IgnoreCase));
        Assert.Equal(OpenMetaHubFactory.HostileTitle, Meta(html, "og:title"));
    }

    [Fact]
    public async Task Other_pages_carry_no_entry_metadata()
    {
        var html = await GetAsync("/");
        Assert.DoesNotContain("application/ld+json", html, StringComparison.Ordinal);
        Assert.DoesNotContain("og:title", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_entry_page_offers_citations_and_the_downloads_escape_what_they_carry()
    {
        var html = await GetAsync("/use-cases/kenya-water");
        Assert.Contains("href=\"/entries/kenya-water/cite.bib\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/entries/kenya-water/cite.ris\"", html, StringComparison.Ordinal);
        Assert.Contains("ITU-T SG20 UseCaseHub.", html, StringComparison.Ordinal);

        var bib = await GetAsync("/entries/kenya-water/cite.bib");
        Assert.StartsWith("@techreport{UC-2026-00001,", bib, StringComparison.Ordinal);
        Assert.Contains("title = {{Smart water metering in Kenya}}", bib, StringComparison.Ordinal);
        Assert.Matches(@"url = \{https?://[^}]+/id/UC-2026-00001\}", bib);
        var ris = await GetAsync("/entries/kenya-water/cite.ris");
        Assert.StartsWith("TY  - RPRT\r\n", ris, StringComparison.Ordinal);
        Assert.Contains("ER  - ", ris, StringComparison.Ordinal);
        Assert.Contains("TI  - Smart water metering in Kenya\r\n", ris, StringComparison.Ordinal);

        // A translation is cited in its language; a draft (or a translation of one) is not citable.
        Assert.Contains("language = {fr}", await GetAsync("/entries/compteurs-eau-kenya/cite.bib"), StringComparison.Ordinal);
        await GetAsync("/entries/draft-entry/cite.bib", HttpStatusCode.NotFound);
        await GetAsync("/entries/brouillon-invisible/cite.ris", HttpStatusCode.NotFound);

        var hostile = await GetAsync("/entries/hostile-markdown/cite.bib");
        var title = Regex.Match(hostile, @"title = \{\{(.*)\}\},\n").Groups[1].Value;
        Assert.Contains(@"\{brace\} 100\% x\_y", title, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\\)[{}%]", title);
    }

    [Fact]
    public void Bibtex_and_ris_values_cannot_break_their_fields()
    {
        var entry = new UseCase { Pid = "UC-2026-00099", Title = "Line one\r\nTY  - JOUR\nA } @misc{evil, \\ ~ ^ # $ &", Summary = "s", Language = "en" };
        var bib = Citations.BibTeX(entry, "https://hub.example.org/id/UC-2026-00099");
        Assert.Contains(@"title = {{Line one TY  - JOUR A \} @misc\{evil, \textbackslash{} \textasciitilde{} \textasciicircum{} \# \$ \&}}", bib, StringComparison.Ordinal);
        var ris = Citations.Ris(entry, "https://hub.example.org/id/UC-2026-00099");
        Assert.DoesNotContain("\nTY  - JOUR", ris, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(ris, "^TY  - ", RegexOptions.Multiline));
    }

    /// <summary>Every url element of the sitemap, following the index to its files.</summary>
    private async Task<List<XElement>> SitemapUrlsAsync()
    {
        var root = XDocument.Parse(await GetAsync("/sitemap.xml")).Root!;
        if (root.Name == Sm + "urlset")
        {
            return [.. root.Elements(Sm + "url")];
        }

        Assert.Equal(Sm + "sitemapindex", root.Name);
        var urls = new List<XElement>();
        foreach (var loc in root.Elements(Sm + "sitemap").Select(s => new Uri(s.Element(Sm + "loc")!.Value)))
        {
            Assert.True(loc.IsAbsoluteUri);
            var part = XDocument.Parse(await GetAsync(loc.PathAndQuery)).Root!;
            Assert.Equal(Sm + "urlset", part.Name);
            var inPart = part.Elements(Sm + "url").ToList();
            Assert.InRange(inPart.Count, 1, 60);
            urls.AddRange(inPart);
        }

        return urls;
    }

    [Fact]
    public async Task The_sitemap_lists_every_public_entry_in_every_language_and_nothing_else()
    {
        var urls = await SitemapUrlsAsync();
        Assert.True(urls.Count > 60, "the test host's sitemap is large enough to be an index");
        var locs = urls.Select(u => u.Element(Sm + "loc")!.Value).ToList();
        Assert.Equal(locs.Count, locs.Distinct(StringComparer.Ordinal).Count());
        foreach (var url in urls)
        {
            Assert.True(Uri.TryCreate(url.Element(Sm + "loc")!.Value, UriKind.Absolute, out _));
            if (url.Element(Sm + "lastmod") is { } lastmod)
            {
                Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", lastmod.Value);
            }

            Assert.All(url.Elements(Xhtml + "link"), l => Assert.True(Uri.TryCreate(l.Attribute("href")!.Value, UriKind.Absolute, out _)));
        }

        var (entries, translations) = await factory.PublicAsync();
        string Loc(string language, string kind, string slug) => $"http://localhost{(language == "en" ? "" : "/" + language)}/{kind}/{slug}";
        foreach (var entry in entries)
        {
            var loc = Loc(entry.Language, entry.Kind, entry.Slug);
            var url = Assert.Single(urls, u => u.Element(Sm + "loc")!.Value == loc);
            Assert.NotNull(url.Element(Sm + "lastmod"));
            foreach (var translation in translations.Where(t => t.EntryId == entry.Id))
            {
                var translated = Loc(translation.Language, entry.Kind, translation.Slug);
                Assert.Contains(translated, locs);
                Assert.Contains(url.Elements(Xhtml + "link"), l => l.Attribute("hreflang")!.Value == translation.Language && l.Attribute("href")!.Value == translated);
            }
        }

        Assert.Equal(entries.Count + translations.Count, locs.Count(l => l.Contains("/use-cases/", StringComparison.Ordinal) || l.Contains("/best-practices/", StringComparison.Ordinal)));
        Assert.DoesNotContain(locs, l => l.Contains("draft-entry", StringComparison.Ordinal) || l.Contains("brouillon-invisible", StringComparison.Ordinal) || l.EndsWith("/filler-27", StringComparison.Ordinal));
        Assert.Contains("http://localhost/sdg/6", locs);
        Assert.Contains("http://localhost/ar/verticals/water", locs);
        Assert.Contains("http://localhost/regions/002", locs);
        Assert.Contains("http://localhost/fr/about", locs);
        await GetAsync("/sitemap-99.xml", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Robots_allows_the_catalogue_and_keeps_crawlers_out_of_accounts_and_staff_pages()
    {
        var robots = await GetAsync("/robots.txt");
        var lines = robots.Split('\n');
        Assert.Contains("User-agent: *", lines);
        Assert.Contains("Allow: /", lines);
        foreach (var path in new[] { "/account/", "/admin/", "/curate", "/submit", "/connect/", "/fr/admin/" })
        {
            Assert.Contains("Disallow: " + path, lines);
        }

        // Search exports are costly (every page of a search) and not pages: kept out in every language too.
        foreach (var prefix in new[] { "", "/fr", "/ru", "/zh" })
        {
            foreach (var path in new[] { "/search/export.csv", "/search/export.json", "/api/search/export", "/search/offline" })
            {
                Assert.Contains("Disallow: " + prefix + path, lines);
            }
        }

        Assert.DoesNotContain(lines, l => l is "Disallow: /" or "Disallow: /use-cases" or "Disallow: /best-practices" or "Disallow: /search" or "Disallow: /search/");
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", lines);
    }
}
