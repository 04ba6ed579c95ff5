using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using UseCaseHub.Core.Markdown;
using UseCaseHub.Web.Offline;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Offline;

/// <summary>The host with callers described by headers, collecting search hits 4 at a time so every download pages through the engine.</summary>
public sealed class OfflineFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Offline:SearchPageSize", "4")];
}

/// <summary>The same with a download capped at 3 entries.</summary>
public sealed class CappedOfflineFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Offline:MaxEntries", "3"), new("Offline:SearchPageSize", "2")];
}

/// <summary>"Download for offline" (issue 13 item 8): <c>/search/offline</c> and <c>/search/offline.zip</c> over HTTP.</summary>
public sealed class OfflineDownloadTests(OfflineFactory factory) : IClassFixture<OfflineFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Theory]
    [InlineData("sort=title")]
    [InlineData("q=water&sort=title")]
    [InlineData("type=use-case&sort=newest")]
    public async Task The_zip_holds_exactly_the_searchs_hits_from_every_page(string query)
    {
        var expected = await ApiHitsAsync(query);
        using var zip = await DownloadAsync(query);

        var index = Parse(Text(zip, "index.html"));
        var listed = index.QuerySelectorAll("ol.entries > li > a[href$='.html']").Select(a => a.GetAttribute("href")!).ToList();
        // sort=title alone lists every fixture entry: several engine calls of 4 hits each.
        Assert.NotEmpty(expected.Slugs);
        Assert.Equal(expected.Total, expected.Slugs.Count);
        Assert.Equal(expected.Slugs.Select(s => $"entries/{s}.html"), listed);
        Assert.Equal(expected.Slugs.Select(s => $"entries/{s}.html").Concat(expected.Slugs.Select(s => $"entries/{s}.md")).Append("index.html").Order(StringComparer.Ordinal),
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_html_file_is_self_contained_and_in_the_readers_language()
    {
        using var zip = await DownloadAsync("q=water", "/fr");
        var index = Parse(Text(zip, "index.html"));
        Assert.Equal("fr", index.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", index.DocumentElement.GetAttribute("dir"));
        Assert.Contains("Ce téléchargement contient", index.Body!.TextContent, StringComparison.Ordinal);

        foreach (var file in zip.Entries.Where(e => e.FullName.EndsWith(".html", StringComparison.Ordinal)))
        {
            var text = Text(zip, file.FullName);
            Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
            var page = Parse(text);
            Assert.NotNull(page.Head!.QuerySelector("style"));
            Assert.Empty(page.QuerySelectorAll("script, link, iframe, object, embed, img, video, audio, source"));
            Assert.DoesNotContain(page.All, e => e.HasAttribute("src") || e.HasAttribute("srcset")
                || (e.GetAttribute("style") ?? "").Contains("url(", StringComparison.OrdinalIgnoreCase));
            Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        }

        var entry = Parse(Text(zip, "entries/kenya-water.html"));
        Assert.Contains("UC-2026-00001", entry.QuerySelector("dl")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(entry.QuerySelector("a[href$='/id/UC-2026-00001']"));
        Assert.Equal("../index.html", entry.QuerySelector("body > p > a")!.GetAttribute("href"));
        Assert.StartsWith("---\npid: UC-2026-00001\n", Text(zip, "entries/kenya-water.md"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hostile_fixture_entry_arrives_sanitised()
    {
        using var zip = await DownloadAsync("q=hostile");
        var text = Text(zip, "entries/hostile-markdown.html");
        var page = Parse(text);

        Assert.Contains("alert(\"owned\")", page.QuerySelector(".body")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("script, img"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(page.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Trim().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Images_in_entry_text_become_links_so_nothing_is_fetched()
    {
        using var markdown = new MarkdownRenderer();
        var html = OfflineHtml.SelfContained(markdown.ToHtml("See ![the meter](https://example.org/meter.png) and ![](/local.png)."));

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/meter.png\">the meter</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drafts_never_appear_for_anonymous_callers_but_do_for_those_who_may_see_them()
    {
        using var anonymous = await DownloadAsync("q=draft");
        Assert.DoesNotContain(anonymous.Entries, e => e.FullName.Contains("draft-entry", StringComparison.Ordinal));
        Assert.DoesNotContain("A draft nobody may see", Text(anonymous, "index.html"), StringComparison.Ordinal);
        var page = await GetPageAsync("/search/offline?q=draft");
        Assert.DoesNotContain("A draft nobody may see", page.Body!.TextContent, StringComparison.Ordinal);

        // The caller's audience goes through: a curator's zip of the same search holds the draft.
        using var curated = await DownloadAsync("q=draft", caller: Caller.Curator);
        Assert.Contains(curated.Entries, e => e.FullName == "entries/draft-entry.html");
    }

    [Fact]
    public async Task The_size_shown_is_the_length_downloaded_and_the_file_is_an_attachment_named_from_the_query()
    {
        var page = await GetPageAsync("/search/offline?q=water&sdg=6&page=3");
        var shown = long.Parse(page.QuerySelector(".offline-size")!.GetAttribute("data-bytes")!, System.Globalization.CultureInfo.InvariantCulture);
        var href = page.QuerySelector("a.offline-download")!.GetAttribute("href")!;
        Assert.Equal("/search/offline.zip?q=water&sdg=6", href);
        Assert.Contains($"{shown / 1024.0:N1} KB", page.QuerySelector(".offline-size")!.TextContent, StringComparison.Ordinal);

        using var response = await _client.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"usecasehub-water-{DateTime.UtcNow:yyyy-MM-dd}.zip", disposition.FileName!.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(shown, bytes.Length);
    }

    [Theory]
    [InlineData("/search/offline?sdg=99")]
    [InlineData("/search/offline.zip?sdg=99")]
    [InlineData("/search/offline.zip?sort=sideways")]
    public async Task A_bad_parameter_gives_the_friendly_400_page(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("section.status h1"));
    }

    [Fact]
    public async Task The_search_page_links_to_the_download_of_the_same_search()
    {
        var page = await GetPageAsync("/search?q=water&sdg=6&page=1&pageSize=5");
        Assert.Equal("/search/offline?q=water&sdg=6", page.QuerySelector(".offline-link a")!.GetAttribute("href"));

        var none = await GetPageAsync("/search?q=zzzqqq");
        Assert.Null(none.QuerySelector(".offline-link"));
    }

    private async Task<IHtmlDocument> GetPageAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task<ZipArchive> DownloadAsync(string query, string prefix = "", Caller? caller = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{prefix}/search/offline.zip?{query}", UriKind.Relative));
        (caller ?? Caller.Anonymous).Apply(request);
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
    }

    /// <summary>Every hit of the search through <c>/api/search</c>, page after page (5 a page), and its total.</summary>
    private async Task<(List<string> Slugs, long Total)> ApiHitsAsync(string query)
    {
        var slugs = new List<string>();
        long total;
        var page = 1;
        do
        {
            using var json = JsonDocument.Parse(await _client.GetStringAsync(new Uri($"/api/search?{query}&pageSize=5&page={page++}", UriKind.Relative)));
            total = json.RootElement.GetProperty("total").GetInt64();
            slugs.AddRange(json.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("url").GetString()!.Split('/')[^1]));
        }
        while (slugs.Count < total && page < 100);

        return (slugs, total);
    }

    internal static string Text(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)?.Open() ?? throw new InvalidOperationException($"{name} is not in the zip"), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    internal static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);
}

/// <summary><c>Offline:MaxEntries</c> caps a download at the best entries, and the page says the search has more.</summary>
public sealed class OfflineCapTests(CappedOfflineFactory factory) : IClassFixture<CappedOfflineFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task The_download_holds_the_first_entries_up_to_the_cap()
    {
        using var api = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/api/search?sort=title&pageSize=3", UriKind.Relative)));
        var total = api.RootElement.GetProperty("total").GetInt64();
        var first = api.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("url").GetString()!.Split('/')[^1]).ToList();

        var page = OfflineDownloadTests.Parse(await _client.GetStringAsync(new Uri("/search/offline?sort=title", UriKind.Relative)));
        var count = page.QuerySelector(".offline-count")!;
        Assert.Equal("3", count.GetAttribute("data-entries"));
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), count.GetAttribute("data-total"));
        Assert.Contains($"finds {total} entries; this download holds the first 3", count.TextContent, StringComparison.Ordinal);

        using var response = await _client.GetAsync(new Uri("/search/offline.zip?sort=title", UriKind.Relative));
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        Assert.Equal(first.Select(s => $"entries/{s}.html"), zip.Entries.Where(e => e.FullName.EndsWith(".html", StringComparison.Ordinal) && e.FullName != "index.html").Select(e => e.FullName));
    }
}

/// <summary>A hit in the reader's language may be a translation: the zip holds the entry in that translation, never drops it.</summary>
public sealed class OfflineTranslationTests(Translations.TranslationHubFactory factory) : IClassFixture<Translations.TranslationHubFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task A_french_readers_zip_holds_the_french_translation_of_each_hit_it_has()
    {
        using var api = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/fr/api/search?q=kenya&pageSize=100", UriKind.Relative)));
        var slugs = api.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("url").GetString()!.Split('/')[^1]).ToList();
        Assert.Contains("compteurs-eau-kenya", slugs);

        using var response = await _client.GetAsync(new Uri("/fr/search/offline.zip?q=kenya", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);

        Assert.Equal(slugs.Select(s => $"entries/{s}.html"),
            zip.Entries.Where(e => e.FullName.EndsWith(".html", StringComparison.Ordinal) && e.FullName != "index.html").Select(e => e.FullName));
        Assert.Contains("Compteurs d'eau intelligents au Kenya", System.Net.WebUtility.HtmlDecode(OfflineDownloadTests.Text(zip, "entries/compteurs-eau-kenya.html")), StringComparison.Ordinal);
    }
}
