using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Share;

/// <summary>share: one entry as JSON, as Markdown (read back by the importer) and as a print page.</summary>
public sealed class EntryExportTests(ShareFactory factory) : IClassFixture<ShareFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task Json_carries_identifiers_texts_tags_with_labels_sources_dates_and_licence()
    {
        using var document = JsonDocument.Parse(await ShareHttp.TextAsync(_client, "/use-cases/kenya-water/export.json"));
        var root = document.RootElement;
        Assert.Equal("UC-2026-00001", root.GetProperty("pid").GetString());
        Assert.Equal("195dbc3c-3646-5c86-88fe-1ba6d4bf65df", root.GetProperty("id").GetString());
        Assert.Equal("http://localhost/id/UC-2026-00001", root.GetProperty("identifier").GetString());
        Assert.Equal("http://localhost/use-cases/kenya-water", root.GetProperty("url").GetString());
        Assert.Equal("use-case", root.GetProperty("type").GetProperty("code").GetString());
        Assert.Equal("Smart water metering in Kenya", root.GetProperty("title").GetString());
        Assert.StartsWith("Water meters report hourly.", root.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("Uses oneM2M for kenya-water.", root.GetProperty("sections").GetProperty("interoperability").GetString());
        Assert.Equal("pilot", root.GetProperty("stage").GetProperty("code").GetString());
        var sdg = Assert.Single(root.GetProperty("sdgs").EnumerateArray());
        Assert.Equal(("6", "Clean water and sanitation"), (sdg.GetProperty("code").GetString(), sdg.GetProperty("label").GetString()));
        Assert.Equal("KE", Assert.Single(root.GetProperty("countries").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal("6.1", Assert.Single(root.GetProperty("targets").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(["ITU-T Y.4900", "oneM2M"], root.GetProperty("standards").EnumerateArray().Select(s => s.GetProperty("code").GetString()));
        Assert.Equal("https://example.org/kenya-water", Assert.Single(root.GetProperty("sources").EnumerateArray()).GetString());
        Assert.Equal("CC-BY-4.0", root.GetProperty("licence").GetString());
        Assert.Equal("Fixture Utility", root.GetProperty("organization").GetString());
        Assert.Equal(JsonValueKind.String, root.GetProperty("updated").ValueKind);
        Assert.Contains(root.GetProperty("versions").EnumerateArray(), v => v.GetProperty("language").GetString() == "ar");
        Assert.False(root.TryGetProperty("contact", out _));

        // Labels in the reader's language.
        using var french = JsonDocument.Parse(await ShareHttp.TextAsync(_client, "/fr/use-cases/kenya-water/export.json"));
        Assert.Equal("Eau propre et assainissement", french.RootElement.GetProperty("sdgs")[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task A_translations_address_exports_the_translation()
    {
        using var document = JsonDocument.Parse(await ShareHttp.TextAsync(_client, "/use-cases/kenya-water-ar/export.json"));
        Assert.Equal("UC-2026-00001", document.RootElement.GetProperty("pid").GetString());
        Assert.Equal("ar", document.RootElement.GetProperty("language").GetString());
        Assert.Equal("العدادات الذكية للمياه في كينيا", document.RootElement.GetProperty("title").GetString());
        var markdown = await ShareHttp.TextAsync(_client, "/use-cases/kenya-water-ar/export.md");
        Assert.StartsWith("---\ntranslation_of: UC-2026-00001\nlanguage: ar\n", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/use-cases/kenya-water", "kenya-water")]
    [InlineData("/use-cases/quoting-zh", "quoting-zh")]
    [InlineData("/use-cases/kenya-water-ar", "kenya-water-ar")]
    [InlineData("/use-cases/" + ShareFactory.CyrillicSlug, ShareFactory.CyrillicSlug)]
    [InlineData("/ru/use-cases/" + ShareFactory.CyrillicSlug, ShareFactory.CyrillicSlug)]
    public async Task Exports_name_their_file_in_an_ascii_header_with_the_slug_in_filename_star(string page, string slug)
    {
        foreach (var extension in new[] { "json", "md" })
        {
            // A Cyrillic slug goes out percent-encoded, as a browser sends it; the server used to answer 500.
            using var response = await ShareHttp.GetAsync(_client, page + "/export." + extension);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var raw = string.Join(", ", response.Content.Headers.GetValues("Content-Disposition"));
            Assert.True(raw.All(char.IsAscii), $"not ASCII: {raw}");
            var disposition = response.Content.Headers.ContentDisposition!;
            Assert.Equal(extension == "md" ? "attachment" : "inline", disposition.DispositionType);
            Assert.Equal($"{slug}.{extension}", disposition.FileNameStar);
            Assert.EndsWith("." + extension, disposition.FileName!.Trim('"'), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/use-cases/draft-entry/export.json")]
    [InlineData("/use-cases/draft-entry/export.md")]
    [InlineData("/use-cases/draft-entry/print")]
    [InlineData("/use-cases/brouillon-invisible/export.json")]
    [InlineData("/use-cases/brouillon-invisible/export.md")]
    [InlineData("/best-practices/kenya-water/export.json")]
    [InlineData("/use-cases/no-such-entry/export.md")]
    public async Task Drafts_their_translations_and_unknown_addresses_are_not_found(string url)
    {
        foreach (var caller in new[] { Caller.Anonymous, Caller.Curator })
        {
            using var response = await ShareHttp.GetAsync(_client, url, caller);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("nobody may see", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Markdown_exports_import_back_as_the_same_entries_and_translation()
    {
        var folder = TestPaths.NewTemporaryFolder();
        var wanted = new[] { ("use-cases", "kenya-water"), ("use-cases", "fiji-reef"), ("use-cases", "maroc-eclairage"), ("use-cases", "quoting-zh"), ("best-practices", "choosing-lpwan") };
        foreach (var (kind, slug) in wanted)
        {
            using var response = await ShareHttp.GetAsync(_client, $"/{kind}/{slug}/export.md");
            Assert.Equal("text/markdown", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal($"{slug}.md", response.Content.Headers.ContentDisposition!.FileNameStar);
            Directory.CreateDirectory(Path.Combine(folder, kind));
            await File.WriteAllTextAsync(Path.Combine(folder, kind, slug + ".md"), await response.Content.ReadAsStringAsync(), new UTF8Encoding(false));
        }

        Directory.CreateDirectory(Path.Combine(folder, "translations", "ar"));
        await File.WriteAllTextAsync(Path.Combine(folder, "translations", "ar", "kenya-water-ar.md"),
            await ShareHttp.TextAsync(_client, "/use-cases/kenya-water-ar/export.md"), new UTF8Encoding(false));

        var original = await SnapshotAsync(factory.Services, wanted.Select(w => w.Item2));
        await using var copyHost = new FolderHubFactory(folder);
        var copy = await SnapshotAsync(copyHost.Services, wanted.Select(w => w.Item2));

        Assert.Equal(original.Entries.Keys.Order(StringComparer.Ordinal), copy.Entries.Keys.Order(StringComparer.Ordinal));
        foreach (var (pid, fields) in original.Entries)
        {
            // The contact address is not on the site and not in the export; every other field comes back.
            fields.Remove("contact");
            AssertSame(pid, fields, copy.Entries[pid]);
        }

        var translation = Assert.Single(copy.Translations);
        AssertSame(translation.Key, original.Translations[translation.Key], translation.Value);
    }

    private static void AssertSame(string key, Dictionary<string, string> expected, Dictionary<string, string> actual)
    {
        foreach (var (field, value) in expected)
        {
            Assert.True(actual.TryGetValue(field, out var got) && got == value, $"{key}.{field}: expected «{value}», got «{got}»");
        }
    }

    private sealed record Snapshot(Dictionary<string, Dictionary<string, string>> Entries, Dictionary<string, Dictionary<string, string>> Translations);

    private static async Task<Snapshot> SnapshotAsync(IServiceProvider services, IEnumerable<string> slugs)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var wanted = slugs.ToList();
        var entries = await db.Entries.AsNoTracking().Where(e => wanted.Contains(e.Slug))
            .Include(e => e.Verticals).Include(e => e.Countries).Include(e => e.Sdgs).Include(e => e.SdgTargets)
            .Include(e => e.Technologies).Include(e => e.Standards).Include(e => e.Organization).Include(e => e.Partners)
            // Only the public use cases a best practice draws on are shown, so only they are exported (lpwan's draft is not).
            .Include(e => ((BestPractice)e).DrawsOn.Where(u => EntryStatuses.Public.Contains(u.Status))).AsSplitQuery().ToListAsync();
        var translations = await db.EntryTranslations.AsNoTracking().Include(t => t.Entry).Where(t => t.Slug == "kenya-water-ar").ToListAsync();
        return new Snapshot(
            entries.ToDictionary(e => e.Pid, Fields),
            translations.ToDictionary(t => t.Entry!.Pid + "/" + t.Language, t => new Dictionary<string, string>
            {
                ["id"] = t.Id.ToString(),
                ["slug"] = t.Slug,
                ["title"] = t.Title,
                ["summary"] = t.Summary,
                ["body"] = t.Body,
                ["interoperability"] = t.Interoperability,
                ["dataAndIdentifiers"] = t.DataAndIdentifiers,
                ["securityAndTrust"] = t.SecurityAndTrust,
                ["lessonsLearned"] = t.LessonsLearned,
                ["scale"] = string.Join(" | ", t.Scale.Select(s => s.Label + "=" + s.Value)),
                ["translatedBy"] = t.TranslatedBy,
                ["translatedOn"] = t.TranslatedOn.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["reviewedBy"] = t.ReviewedBy ?? "",
            }));
    }

    private static Dictionary<string, string> Fields(Entry e)
    {
        var fields = new Dictionary<string, string>
        {
            ["kind"] = e.Kind.ToString(),
            ["id"] = e.Id.ToString(),
            ["slug"] = e.Slug,
            ["title"] = e.Title,
            ["summary"] = e.Summary,
            ["body"] = e.Body,
            ["language"] = e.Language,
            ["status"] = e.Status.ToString(),
            ["licence"] = e.Licence,
            ["contact"] = e.Contact ?? "",
            ["published"] = e.PublishedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["verticals"] = string.Join(",", e.Verticals.Select(v => v.Slug).Order(StringComparer.Ordinal)),
            ["countries"] = string.Join(",", e.Countries.Select(c => c.Iso2).Order(StringComparer.Ordinal)),
            ["sdgs"] = string.Join(",", e.Sdgs.Select(g => g.Number).Order()),
            ["targets"] = string.Join(",", e.SdgTargets.Select(t => t.Code).Order(StringComparer.Ordinal)),
            ["technologies"] = string.Join(",", e.Technologies.Select(t => t.Slug).Order(StringComparer.Ordinal)),
            ["standards"] = string.Join(",", e.Standards.Select(s => s.Code).Order(StringComparer.Ordinal)),
            ["organization"] = e.Organization?.Name ?? "",
            ["partners"] = string.Join(",", e.Partners.Select(p => p.Name).Order(StringComparer.Ordinal)),
            ["links"] = string.Join(" | ", e.Links.Select(l => l.Title + " " + l.Url)),
            ["sources"] = string.Join(" | ", e.Sources),
        };
        if (e is UseCase u)
        {
            fields["stage"] = u.Stage.ToString();
            fields["startYear"] = u.StartYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
            fields["scale"] = string.Join(" | ", u.Scale.Select(s => s.Label + "=" + s.Value));
            fields["interoperability"] = u.Interoperability;
            fields["dataAndIdentifiers"] = u.DataAndIdentifiers;
            fields["securityAndTrust"] = u.SecurityAndTrust;
            fields["lessonsLearned"] = u.LessonsLearned;
        }

        if (e is BestPractice b)
        {
            fields["drawsOn"] = string.Join(",", b.DrawsOn.Select(d => d.Pid).Order(StringComparer.Ordinal));
        }

        return fields;
    }

    [Theory]
    [InlineData("/use-cases/kenya-water/print", "paper-a4")]
    [InlineData("/use-cases/kenya-water/print?paper=letter", "paper-letter")]
    [InlineData("/best-practices/choosing-lpwan/print", "paper-a4")]
    public async Task The_print_page_has_no_navigation_and_prints_sources_and_identifier(string url, string paper)
    {
        var html = await ShareHttp.TextAsync(_client, url);
        var page = new HtmlParser().ParseDocument(html);
        Assert.Empty(page.QuerySelectorAll("nav, header, form, script, .site-header, .site-footer"));
        Assert.Equal(paper, page.Body!.ClassName);
        var stylesheet = Assert.Single(page.QuerySelectorAll("link[rel=stylesheet]")).GetAttribute("href")!;
        Assert.StartsWith("/css/print.css?v=", stylesheet, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("h1"));
        var pid = url.Contains("lpwan", StringComparison.Ordinal) ? "BP-2026-00001" : "UC-2026-00001";
        Assert.NotNull(page.QuerySelector($"a[href$='/id/{pid}']"));
        Assert.Contains(pid, page.QuerySelector(".cite")!.TextContent, StringComparison.Ordinal);
        if (pid.StartsWith("UC", StringComparison.Ordinal))
        {
            Assert.Contains("https://example.org/kenya-water", page.QuerySelector(".sources")!.TextContent, StringComparison.Ordinal);
        }

        var css = await ShareHttp.TextAsync(_client, stylesheet);
        Assert.Contains("size: A4;", css, StringComparison.Ordinal);
        Assert.Contains("@page letter", css, StringComparison.Ordinal);
        Assert.Contains("size: letter;", css, StringComparison.Ordinal);
        Assert.Contains(".paper-letter", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_entry_page_links_to_its_exports()
    {
        var page = new HtmlParser().ParseDocument(await ShareHttp.TextAsync(_client, "/fr/use-cases/kenya-water-ar"));
        var links = page.QuerySelectorAll(".export-links a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/fr/use-cases/kenya-water-ar/export.json", "/fr/use-cases/kenya-water-ar/export.md", "/fr/use-cases/kenya-water-ar/print"], links);
        foreach (var link in links)
        {
            using var response = await ShareHttp.GetAsync(_client, link!);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
