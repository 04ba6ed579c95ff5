using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Site;

/// <summary>The French and Spanish interface, read over HTTP as a visitor gets it: no English text left on the pages.</summary>
public sealed partial class InterfaceLanguageTests(HubFactory factory) : IClassFixture<HubFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    internal static Dictionary<string, string> Strings(string? language)
    {
        var file = language is null ? "SharedResource.resx" : $"SharedResource.{language}.resx";
        return XDocument.Load(Path.Combine(TestPaths.Repository, "src", "UseCaseHub.Web", "Resources", file)).Root!
            .Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private static string Normal(string text) => Spaces().Replace(text.Replace('\u00a0', ' ').Replace('\u202f', ' '), " ");

    /// <summary>What a person reads on the page: its text and the attributes a screen reader or browser shows.</summary>
    private async Task<string> ReadableTextAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var attributes = document.All.SelectMany(e => e.Attributes)
            .Where(a => a.Name is "aria-label" or "placeholder" or "title" or "alt" or "content")
            .Select(a => a.Value);
        return Normal(string.Join(" | ", new[] { document.Title ?? "", document.Body!.TextContent }.Concat(attributes)));
    }

    public static TheoryData<string, string> Pages => new()
    {
        { "fr", "/" },
        { "fr", "/search" },
        { "fr", "/search?q=water&sdg=6" },
        { "es", "/" },
        { "es", "/search" },
        { "es", "/search?q=water&sdg=6" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Home_and_search_show_their_interface_in_the_language_and_no_english_string(string language, string path)
    {
        var english = Strings(null);
        var translated = Strings(language);
        var text = await ReadableTextAsync($"/{language}{path}");

        // A sample the pages always show: the layout, the home page's sections or the search form.
        string[] sample = path == "/"
            ? ["Skip to content", "Use cases", "Best practices", "By Sustainable Development Goal", "By vertical", "By ITU region", "Latest entries", "Search"]
            : ["Skip to content", "Search use cases and best practices", "Sort by", "Relevance", "Newest", "Search"];
        var absent = sample.Where(k => !text.Contains(Normal(translated[k]), StringComparison.Ordinal)).ToList();
        // Any English interface text of three words or more (one- and two-word texts also occur inside entries' own words).
        var leftInEnglish = english
            .Where(e => !e.Value.Contains('{', StringComparison.Ordinal) && e.Value.Split(' ').Length >= 3)
            .Where(e => Normal(translated[e.Key]) != Normal(e.Value) && text.Contains(Normal(e.Value), StringComparison.Ordinal))
            .Select(e => e.Value).ToList();

        Assert.True(absent.Count == 0 && leftInEnglish.Count == 0,
            $"/{language}{path}\nnot shown translated: {string.Join("; ", absent)}\nshown in English: {string.Join("; ", leftInEnglish)}");
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("es")]
    public async Task A_problem_title_follows_the_readers_language_and_type_and_status_stay(string language)
    {
        async Task<JsonElement> ProblemAsync(string? acceptLanguage)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/no-such-thing");
            if (acceptLanguage is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
            }

            using var response = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        var inEnglish = await ProblemAsync(null);
        var translated = await ProblemAsync(language);

        Assert.Equal(Strings(language)["Not found"], translated.GetProperty("title").GetString());
        Assert.Equal("Not found", inEnglish.GetProperty("title").GetString());
        Assert.Equal(inEnglish.GetProperty("type").GetString(), translated.GetProperty("type").GetString());
        Assert.Equal(404, translated.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_sdg_page_title_is_translated()
    {
        using var response = await _client.GetAsync(new Uri("/fr/sdg/6", UriKind.Relative));
        var title = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).Title!;

        Assert.StartsWith(string.Format(CultureInfo.InvariantCulture, Strings("fr")["SDG {0}: {1}"], 6, "").TrimEnd(), title, StringComparison.Ordinal);
    }
}
