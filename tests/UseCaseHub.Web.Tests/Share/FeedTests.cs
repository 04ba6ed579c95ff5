using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Share;

/// <summary>share: Atom 1.0 feeds of any search (<c>/feed.atom</c>), checked against RFC 4287's rules.</summary>
public sealed partial class FeedTests(ShareFactory factory) : IClassFixture<ShareFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    private async Task<XDocument> FeedAsync(string url, Caller? caller = null)
    {
        using var response = await ShareHttp.GetAsync(_client, url, caller);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The rules of RFC 4287 section 4.1 a feed and its entries must keep.</summary>
    private static void AssertAtom(XDocument document, string selfUrl)
    {
        var feed = document.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        foreach (var name in new[] { "id", "title", "updated" })
        {
            Assert.Single(feed.Elements(Atom + name));
        }

        AssertIri(feed.Element(Atom + "id")!.Value);
        AssertDate(feed.Element(Atom + "updated")!.Value);
        Assert.NotEmpty(feed.Element(Atom + "title")!.Value);
        var self = Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.Equal(selfUrl, (string?)self.Attribute("href"));
        Assert.NotNull(feed.Element(Atom + "author")?.Element(Atom + "name"));
        // At most one alternate link per type and language.
        Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            foreach (var name in new[] { "id", "title", "updated", "summary" })
            {
                Assert.Single(entry.Elements(Atom + name));
            }

            AssertIri(entry.Element(Atom + "id")!.Value);
            AssertDate(entry.Element(Atom + "updated")!.Value);
            foreach (var published in entry.Elements(Atom + "published"))
            {
                AssertDate(published.Value);
            }

            var alternate = Assert.Single(entry.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
            AssertIri((string)alternate.Attribute("href")!);
            Assert.NotEmpty(entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
            Assert.All(entry.Elements(Atom + "category"), c => Assert.False(string.IsNullOrEmpty((string?)c.Attribute("term"))));
        }

        var dates = feed.Elements(Atom + "entry").Select(e => DateTimeOffset.Parse(e.Element(Atom + "updated")!.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
        Assert.True(dates.Count <= 50);
        Assert.Equal(feed.Elements(Atom + "entry").Count(), feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).Distinct().Count());
    }

    private static void AssertIri(string value) =>
        Assert.True(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", $"not an absolute IRI: {value}");

    private static void AssertDate(string value) => Assert.Matches(Rfc3339(), value);

    /// <summary>The persistent identifier addresses of every public hit of a search, through /api/search.</summary>
    private async Task<List<string>> SearchIdsAsync(string query)
    {
        var pids = new List<string>();
        for (var page = 1; ; page++)
        {
            using var document = JsonDocument.Parse(await ShareHttp.TextAsync(_client, $"/api/search?{query}&pageSize=100&page={page}&facets=type"));
            var hits = document.RootElement.GetProperty("hits").EnumerateArray().ToList();
            foreach (var hit in hits)
            {
                // The hit's url is the entry's (or its translation's) page; its export gives the persistent identifier.
                using var entry = JsonDocument.Parse(await ShareHttp.TextAsync(_client, hit.GetProperty("url").GetString() + "/export.json"));
                pids.Add(entry.RootElement.GetProperty("identifier").GetString()!);
            }

            if (pids.Count >= document.RootElement.GetProperty("total").GetInt64() || hits.Count == 0)
            {
                return pids;
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("?sdg=6")]
    [InlineData("?q=water&country=KE")]
    [InlineData("?type=best-practice")]
    [InlineData("?sdg=6&region=002")]
    public async Task The_feed_keeps_the_atom_rules_and_holds_exactly_the_searchs_entries(string query)
    {
        var document = await FeedAsync("/feed.atom" + query);
        AssertAtom(document, "http://localhost/feed.atom" + query);
        var ids = document.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).ToList();
        var expected = await SearchIdsAsync(query.TrimStart('?'));
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Take(50).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_entry_carries_its_identifier_link_summary_author_and_tags()
    {
        var document = await FeedAsync("/feed.atom?q=water&country=KE");
        var entry = document.Root!.Elements(Atom + "entry").Single(e => e.Element(Atom + "id")!.Value == "http://localhost/id/UC-2026-00001");
        Assert.Equal("Smart water metering in Kenya", entry.Element(Atom + "title")!.Value);
        Assert.Equal("http://localhost/use-cases/kenya-water", (string?)entry.Elements(Atom + "link").Single().Attribute("href"));
        Assert.Equal("A fixture entry about smart water metering in kenya.", entry.Element(Atom + "summary")!.Value);
        Assert.Equal("Fixture Utility", entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        var categories = entry.Elements(Atom + "category").Select(c => ((string?)c.Attribute("term"), (string?)c.Attribute("label"))).ToList();
        Assert.Contains(("6", "Clean water and sanitation"), categories);
        Assert.Contains(("KE", "Kenya"), categories);
        Assert.Contains(("water", categories.Single(c => c.Item1 == "water").Item2), categories);
    }

    [Fact]
    public async Task The_feed_is_in_the_readers_language()
    {
        var document = await FeedAsync("/fr/feed.atom?sdg=6");
        Assert.Equal("fr", (string?)document.Root!.Attribute(XNamespace.Xml + "lang"));
        Assert.Contains("Fiches nouvelles et révisées", document.Root.Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Contains(document.Root.Descendants(Atom + "category"), c => (string?)c.Attribute("label") == "Eau propre et assainissement");
        // A French reader gets the French translation where there is one.
        Assert.Contains(document.Root.Elements(Atom + "entry"), e => (string?)e.Attribute(XNamespace.Xml + "lang") == "fr");
        AssertAtom(document, "http://localhost/fr/feed.atom?sdg=6");

        // Identifiers are the entry's, whatever the language; links keep the reader's.
        var english = await FeedAsync("/feed.atom?sdg=6");
        List<string> Ids(XDocument feed) => [.. feed.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).Order(StringComparer.Ordinal)];
        Assert.NotEmpty(Ids(english));
        Assert.Equal(Ids(english), Ids(document));
        Assert.All(Ids(document), id => Assert.StartsWith("http://localhost/id/", id, StringComparison.Ordinal));
        Assert.All(document.Root.Elements(Atom + "entry"), e => Assert.StartsWith("http://localhost/fr/",
            (string)e.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/feed.atom?q=%01")]
    [InlineData("/feed.atom?q=water%01%08%1F%EF%BF%BE")]
    [InlineData("/fr/feed.atom?q=%0Bwater")]
    public async Task Characters_xml_forbids_in_the_words_are_left_out_not_a_500(string url)
    {
        var document = await FeedAsync(url);
        Assert.DoesNotContain(document.Root!.Element(Atom + "title")!.Value, c => char.IsControl(c) && c is not '\n' and not '\t' and not '\r');
    }

    [Fact]
    public async Task Drafts_are_never_in_a_feed_even_for_a_curator()
    {
        foreach (var caller in new[] { Caller.Anonymous, Caller.Curator })
        {
            foreach (var url in new[] { "/feed.atom?q=draft", "/feed.atom", "/fr/feed.atom?q=brouillon" })
            {
                using var response = await ShareHttp.GetAsync(_client, url, caller);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var text = await response.Content.ReadAsStringAsync();
                var entries = XDocument.Parse(text).Root!.Elements(Atom + "entry").ToList();
                if (url == "/feed.atom")
                {
                    // A feed that answered nothing would pass the checks below: this one holds the public entries.
                    Assert.NotEmpty(entries);
                }

                Assert.DoesNotContain("UC-2026-00005", text, StringComparison.Ordinal);
                Assert.DoesNotContain("nobody may see", text, StringComparison.Ordinal);
                Assert.DoesNotContain("brouillon que personne", text, StringComparison.Ordinal);
            }
        }

        // The same search on the API shows a curator the draft: the feed leaves it out by rule, not by accident.
        Assert.Contains("draft-entry", await ShareHttp.TextAsync(_client, "/api/search?q=draft", Caller.Curator), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readers_poll_cheaply_with_etag_and_last_modified()
    {
        using var first = await ShareHttp.GetAsync(_client, "/feed.atom?sdg=6");
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;
        Assert.False(etag.IsWeak);

        using var byTag = await ShareHttp.GetAsync(_client, "/feed.atom?sdg=6", configure: r => r.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.NotModified, byTag.StatusCode);
        Assert.Empty(await byTag.Content.ReadAsByteArrayAsync());

        using var byDate = await ShareHttp.GetAsync(_client, "/feed.atom?sdg=6", configure: r => r.Headers.IfModifiedSince = lastModified);
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);

        using var older = await ShareHttp.GetAsync(_client, "/feed.atom?sdg=6", configure: r => r.Headers.IfModifiedSince = lastModified.AddDays(-1));
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);

        // Another search is another feed: another tag.
        using var other = await ShareHttp.GetAsync(_client, "/feed.atom?sdg=14", configure: r => r.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_bad_parameter_is_a_400()
    {
        using var response = await ShareHttp.GetAsync(_client, "/feed.atom?sdg=99");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/search?q=water&sdg=6&sort=title&page=1", "/feed.atom?q=water&sdg=6")]
    [InlineData("/sdg/6", "/feed.atom?sdg=6")]
    [InlineData("/verticals/water", "/feed.atom?vertical=water")]
    [InlineData("/countries/KE", "/feed.atom?country=KE")]
    [InlineData("/fr/sdg/6", "/fr/feed.atom?sdg=6")]
    public async Task Search_and_taxonomy_pages_link_to_their_feed_in_the_head_and_visibly(string page, string feed)
    {
        var html = new HtmlParser().ParseDocument(await ShareHttp.TextAsync(_client, page));
        var head = Assert.Single(html.Head!.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']"));
        Assert.Equal(feed, head.GetAttribute("href"));
        Assert.Equal(feed, html.Body!.QuerySelector(".feed-link a")!.GetAttribute("href"));
        using var response = await ShareHttp.GetAsync(_client, feed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Other_pages_offer_no_feed()
    {
        var html = new HtmlParser().ParseDocument(await ShareHttp.TextAsync(_client, "/use-cases/kenya-water"));
        Assert.Empty(html.Head!.QuerySelectorAll("link[type='application/atom+xml']"));
    }
}
