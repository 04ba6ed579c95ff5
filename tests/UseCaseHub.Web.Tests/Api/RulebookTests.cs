using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Rules;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Api;

/// <summary>
/// One rulebook, two doors: the same bad value is refused by the OData editor and by the content importer with the
/// same field and the same rule code (the site's forms will be the third door).
/// </summary>
public sealed class RulebookTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiTestKit _api = new(factory);

    private static JsonObject Draft(string title) => new()
    {
        ["Title"] = title,
        ["Summary"] = "Written through the API.",
        ["Stage"] = "Pilot",
        ["Sdgs"] = new JsonArray(new JsonObject { ["Number"] = 6 }),
        ["Verticals"] = new JsonArray(new JsonObject { ["Slug"] = "water" }),
    };

    private static readonly int FarAhead = DateTime.UtcNow.Year + 8;

    /// <summary>Case name → (the file's front matter line changed, the API body's field, its value, expected field, expected rule).</summary>
    public static TheoryData<string> Cases => new(BadValues.Keys);

    private static readonly Dictionary<string, (string FileFrom, string FileTo, string ApiField, JsonNode ApiValue, string Field, string Rule)> BadValues = new()
    {
        // Files accepted start years up to ten years ahead and the API five: one range now.
        ["start year too far ahead"] = ("start_year: 2019", $"start_year: {FarAhead}", "StartYear", JsonValue.Create(FarAhead), "StartYear", RuleCodes.OutOfRange),
        ["javascript link"] = ("url: \"https://example.org/article\"", "url: \"javascript:alert(1)\"", "Links",
            new JsonArray(new JsonObject { ["Title"] = "Click", ["Url"] = "javascript:alert(1)" }), "Links", RuleCodes.WebAddress),
        ["ftp source"] = ("- https://example.org/source", "- ftp://example.org/source", "Sources", new JsonArray("ftp://example.org/source"), "Sources", RuleCodes.WebAddress),
        ["slug with capitals"] = ("slug: rulebook-case", "slug: Rulebook-Case", "Slug", JsonValue.Create("Rulebook-Case"), "Slug", RuleCodes.Slug),
        ["language not BCP 47"] = ("language: en", "language: english", "Language", JsonValue.Create("english"), "Language", RuleCodes.Language),
        ["unknown vertical"] = ("verticals: [water]", "verticals: [teleportation]", "Verticals",
            new JsonArray(new JsonObject { ["Slug"] = "teleportation" }), "Verticals", RuleCodes.UnknownValue),
        ["target of a goal not listed"] = ("sdg_targets: [\"6.1\"]", "sdg_targets: [\"7.1\"]", "SdgTargets",
            new JsonArray(new JsonObject { ["Code"] = "7.1" }), "SdgTargets", RuleCodes.TargetWithoutGoal),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_same_bad_entry_is_refused_identically_by_file_and_api(string name)
    {
        var (fileFrom, fileTo, apiField, apiValue, field, rule) = BadValues[name];
        var draft = Draft($"Rulebook case {name}");
        draft[apiField] = apiValue.DeepClone();
        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", Caller.Curator, draft.ToJsonString());

        var content = new ContentFolder();
        var text = ContentFolder.UseCase(pid: "UC-2026-00777", slug: "rulebook-case");
        Assert.Contains(fileFrom, text, StringComparison.Ordinal);
        content.Write("use-cases/bad.md", text.Replace(fileFrom, fileTo, StringComparison.Ordinal));
        using var scope = factory.Services.CreateScope();
        var report = await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(content.Root, progress: null);

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {body?.ToJsonString()}");
        var detail = Assert.Single(body!["error"]!["details"]!.AsArray());
        Assert.Equal((field, rule), ((string)detail!["target"]!, (string)detail["code"]!));
        Assert.Equal(field, (string)body["error"]!["target"]!);
        var problem = Assert.Single(report.Errors);
        Assert.Equal((field, rule), (problem.Violation?.Field, problem.Violation?.Rule));
        Assert.Equal((string)detail["message"]!, problem.Violation!.Message);
    }

    [Fact]
    public async Task A_slug_with_a_trailing_newline_is_refused_by_the_api()
    {
        var draft = Draft("Trailing newline");
        draft["Slug"] = "trailing-newline\n";

        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", Caller.Curator, draft.ToJsonString());

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {body?.ToJsonString()}");
        Assert.Equal("Slug", (string)body!["error"]!["target"]!);
        Assert.Equal(RuleCodes.Slug, (string)body["error"]!["details"]![0]!["code"]!);
    }

    [Fact]
    public async Task A_javascript_link_is_refused_by_the_api()
    {
        var draft = Draft("Script link");
        draft["Links"] = new JsonArray(new JsonObject { ["Title"] = "Click", ["Url"] = "javascript:alert(1)" });

        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", Caller.Curator, draft.ToJsonString());

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {body?.ToJsonString()}");
        Assert.Equal("Links", (string)body!["error"]!["target"]!);
    }
}
