using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Search;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Translations;

/// <summary>The fixture content plus the fixture translations (Fixtures/translations: two of a public use case, one of a best practice, one of a draft).</summary>
public class TranslationHubFactory : ApiFactory
{
    private readonly Lazy<string> _content = new(() =>
    {
        var root = TestPaths.NewTemporaryFolder();
        Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "content"), root);
        Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "translations"), Path.Combine(root, "translations"));
        return root;
    });

    public override string ContentPath => _content.Value;

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

public sealed partial class TranslationTests(TranslationHubFactory factory) : IClassFixture<TranslationHubFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    private readonly ApiTestKit _api = new(factory);

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string path, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        var response = await _client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private async Task<string> PageAsync(string path)
    {
        var (status, body, _) = await GetAsync(path);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {status}");
        return body;
    }

    /// <summary>The "also in" links of a page as (path, lang, hreflang).</summary>
    private static List<(string Href, string Lang, string HrefLang)> AlsoIn(string html)
    {
        var block = AlsoInBlock().Match(html);
        return block.Success
            ? LinkPattern().Matches(block.Value).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList()
            : [];
    }

    [GeneratedRegex("""<p class="also-in">.*?</p>""", RegexOptions.Singleline)]
    private static partial Regex AlsoInBlock();

    [GeneratedRegex("""<a href="([^"]+)" lang="([^"]+)" hreflang="([^"]+)"[^>]*>""")]
    private static partial Regex LinkPattern();

    [Fact]
    public async Task A_translation_is_served_at_its_own_slug_with_the_originals_tags_and_its_translator()
    {
        var html = await PageAsync("/use-cases/compteurs-eau-kenya");

        Assert.Contains("<h1 lang=\"fr\"", html, StringComparison.Ordinal);
        Assert.Contains("Compteurs d", html, StringComparison.Ordinal);
        Assert.Contains("Les compteurs d", html, StringComparison.Ordinal);
        Assert.Contains("Utilise oneM2M pour kenya-water.", html, StringComparison.Ordinal);
        // The original's tags and identifier, not repeated in the translation file.
        Assert.Contains("href=\"/countries/KE\"", html, StringComparison.Ordinal);
        Assert.Contains("UC-2026-00001", html, StringComparison.Ordinal);
        Assert.Contains("https://example.org/kenya-water", html, StringComparison.Ordinal);
        // Who translated and when, and who reviewed.
        Assert.Contains("Équipe de traduction de test", html, StringComparison.Ordinal);
        Assert.Contains("November 30, 2026", html, StringComparison.Ordinal); // the translation date in the page's language
        Assert.Contains("30 novembre 2026", await PageAsync("/fr/use-cases/compteurs-eau-kenya"), StringComparison.Ordinal);
        Assert.Contains("Relectrice de test", html, StringComparison.Ordinal);
        // A best practice's translation is served under its own kind only.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/best-practices/eleccion-lpwan")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/best-practices/compteurs-eau-kenya")).Status);
    }

    [Fact]
    public async Task Also_in_links_go_both_ways_with_lang_and_hreflang()
    {
        var original = AlsoIn(await PageAsync("/use-cases/kenya-water"));
        var french = AlsoIn(await PageAsync("/use-cases/compteurs-eau-kenya"));
        var arabic = AlsoIn(await PageAsync("/use-cases/kenya-water-ar"));

        Assert.Equal([("/use-cases/kenya-water-ar", "ar", "ar"), ("/use-cases/compteurs-eau-kenya", "fr", "fr")], original);
        Assert.Equal([("/use-cases/kenya-water", "en", "en"), ("/use-cases/kenya-water-ar", "ar", "ar")], french);
        Assert.Equal([("/use-cases/kenya-water", "en", "en"), ("/use-cases/compteurs-eau-kenya", "fr", "fr")], arabic);
        // An entry without translations has no such line; the draft's translation is not offered.
        Assert.Empty(AlsoIn(await PageAsync("/use-cases/fiji-reef")));
        Assert.Equal([("/best-practices/choosing-lpwan", "en", "en")], AlsoIn(await PageAsync("/best-practices/eleccion-lpwan")));
    }

    [Theory]
    [InlineData("/id/UC-2026-00001", null, "/use-cases/kenya-water")]
    [InlineData("/id/UC-2026-00001", "fr-FR,fr;q=0.9", "/use-cases/compteurs-eau-kenya")]
    [InlineData("/id/UC-2026-00001", "es", "/use-cases/kenya-water")]
    [InlineData("/ar/id/UC-2026-00001", null, "/ar/use-cases/kenya-water-ar")]
    [InlineData("/fr/id/UC-2026-00001", "ar", "/fr/use-cases/compteurs-eau-kenya")]
    [InlineData("/id/195dbc3c-3646-5c86-88fe-1ba6d4bf65df", "ar", "/use-cases/kenya-water-ar")]
    [InlineData("/es/id/BP-2026-00001", null, "/es/best-practices/eleccion-lpwan")]
    public async Task The_persistent_identifier_picks_the_readers_language_else_the_original(string path, string? acceptLanguage, string expected)
    {
        var (status, _, response) = await GetAsync(path, acceptLanguage);

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    private async Task<JsonElement> SearchAsync(string query, string? acceptLanguage)
    {
        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();
        var (status, body, _) = await GetAsync("/api/search?" + query + "&facets=country,type", acceptLanguage);
        Assert.True(status == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static List<string> Paths(JsonElement json) =>
        json.GetProperty("hits").EnumerateArray().Select(h => new Uri(h.GetProperty("url").GetString()!).AbsolutePath).ToList();

    private static long CountOf(JsonElement json, string facet, string value) =>
        json.GetProperty("facets").GetProperty(facet).EnumerateArray().Single(v => v.GetProperty("value").GetString() == value).GetProperty("count").GetInt64();

    [Theory]
    [InlineData("country=KE")]
    [InlineData("q=kenya")]
    [InlineData("q=water")]
    public async Task Search_shows_one_hit_per_entry_in_the_readers_language_and_counts_it_once(string query)
    {
        var english = await SearchAsync(query, "en");
        var french = await SearchAsync(query, "fr");
        var arabic = await SearchAsync(query, "ar");
        var spanish = await SearchAsync(query, "es");

        Assert.Contains("/use-cases/kenya-water", Paths(english));
        Assert.Contains("/use-cases/compteurs-eau-kenya", Paths(french));
        Assert.Contains("/use-cases/kenya-water-ar", Paths(arabic));
        Assert.Contains("/use-cases/kenya-water", Paths(spanish));
        foreach (var result in new[] { english, french, arabic, spanish })
        {
            var paths = Paths(result);
            Assert.Single(paths, p => p is "/use-cases/kenya-water" or "/use-cases/compteurs-eau-kenya" or "/use-cases/kenya-water-ar");
            Assert.DoesNotContain("/use-cases/brouillon-invisible", paths);
            Assert.Equal(english.GetProperty("total").GetInt64(), result.GetProperty("total").GetInt64());
            Assert.Equal(CountOf(english, "country", "KE"), CountOf(result, "country", "KE"));
            Assert.Equal(CountOf(english, "type", "use-case"), CountOf(result, "type", "use-case"));
        }
    }

    [Theory]
    [InlineData("compteurs-eau-kenya")] // a public entry's translation
    [InlineData("brouillon-invisible")] // a draft's translation, which the caller cannot see
    public async Task A_new_entry_cannot_take_a_translations_address(string slug)
    {
        var member = Caller.Member(await _api.OrganizationIdAsync("Fixture Utility"));
        var draft = new System.Text.Json.Nodes.JsonObject
        {
            ["Title"] = "Taking over an address",
            ["Summary"] = "Written through the API.",
            ["Slug"] = slug,
            ["Stage"] = "Pilot",
            ["Sdgs"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["Number"] = 6 }),
            ["Verticals"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["Slug"] = "water" }),
        };

        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", member, draft.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SlugTaken", (string)body!["error"]!["details"]![0]!["code"]!);
    }

    [Fact]
    public async Task A_translation_is_visible_exactly_when_its_original_is()
    {
        var organization = await _api.OrganizationIdAsync("Fixture Utility");
        static List<string> Slugs(System.Text.Json.Nodes.JsonNode body) => body["value"]!.AsArray().Select(v => (string)v!["Slug"]!).Order(StringComparer.Ordinal).ToList();

        var anonymous = Slugs(await _api.GetAsync("/odata/Translations"));
        var member = Slugs(await _api.GetAsync("/odata/Translations", Caller.Member(organization)));
        var other = Slugs(await _api.GetAsync("/odata/Translations", Caller.Member(Guid.NewGuid())));
        var curator = Slugs(await _api.GetAsync("/odata/Translations", Caller.Curator));

        Assert.Equal(["compteurs-eau-kenya", "eleccion-lpwan", "kenya-water-ar"], anonymous);
        Assert.Equal(anonymous, other);
        Assert.Equal(["brouillon-invisible", "compteurs-eau-kenya", "eleccion-lpwan", "kenya-water-ar"], member);
        Assert.Equal(member, curator);
        var draftTranslation = UseCaseHub.Core.Catalogue.Translations.TranslationRules.IdOf(Guid.Parse("7b673935-c084-53da-82be-4f8d56278f47"), "fr");
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, $"/odata/Translations({draftTranslation})")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, $"/odata/Translations({draftTranslation})", Caller.Curator)).Status);
        Assert.Equal(0, (int)(await _api.GetAsync("/odata/Translations?$filter=Language eq 'fr' and Slug eq 'brouillon-invisible'&$count=true"))["@odata.count"]!);
        // The site and search: the draft's translation is nowhere for a visitor.
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/use-cases/brouillon-invisible")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/fr/id/UC-2026-00005")).Status);
        Assert.DoesNotContain("/use-cases/brouillon-invisible", Paths(await SearchAsync("q=brouillon", "fr")));
        var (_, page, _) = await GetAsync("/fr/search?q=brouillon");
        Assert.DoesNotContain("brouillon-invisible", page, StringComparison.Ordinal);
    }
}
