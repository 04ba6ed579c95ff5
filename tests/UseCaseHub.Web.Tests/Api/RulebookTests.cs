using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Rules;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Identity;

namespace UseCaseHub.Web.Tests.Api;

/// <summary>
/// One rulebook, three doors: the same bad value is refused by the OData editor, by the content importer and by the
/// site's submission form with the same field and the same rule code.
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

    /// <summary>Case name → the form's fields for the same bad value (the rest of the form is a valid draft).</summary>
    private static readonly Dictionary<string, KeyValuePair<string, string>[]> FormValues = new()
    {
        ["start year too far ahead"] = [new("Form.StartYear", FarAhead.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        ["javascript link"] = [new("Form.Links[0].Title", "Click"), new("Form.Links[0].Value", "javascript:alert(1)")],
        ["ftp source"] = [new("Form.Sources", "ftp://example.org/source")],
        ["slug with capitals"] = [new("Form.Slug", "Rulebook-Case")],
        ["language not BCP 47"] = [new("Form.Language", "english")],
        ["unknown vertical"] = [new("Form.Verticals", "teleportation")],
        ["target of a goal not listed"] = [new("Form.SdgTargets", "7.1")],
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_same_bad_entry_is_refused_identically_by_api_and_form(string name)
    {
        var (_, _, apiField, apiValue, field, rule) = BadValues[name];
        var draft = Draft($"Rulebook form case {name}");
        draft[apiField] = apiValue.DeepClone();
        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", Caller.Curator, draft.ToJsonString());

        // The same draft through the site's form, as a curator (the test scheme reads the same headers on the site).
        using var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Add(TestAuthentication.RolesHeader, Caller.Curator.Roles);
        List<KeyValuePair<string, string>> fields =
        [
            new("Form.Title", $"Rulebook form case {name}"), new("Form.Summary", "Written through the form."), new("Form.Stage", "Pilot"),
            new("Form.Language", "en"), new("Form.Licence", "CC-BY-4.0"), new("Form.Sdgs", "6"), new("Form.Verticals", "water"),
        ];
        var bad = FormValues[name];
        fields.RemoveAll(f => bad.Any(b => b.Key == f.Key && true));
        fields.AddRange(bad);
        using var response = await browser.SubmitAsync("/submit?kind=use-case", fields, "/submit?kind=use-case&handler=Save");
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {body?.ToJsonString()}");
        var detail = Assert.Single(body!["error"]!["details"]!.AsArray());
        Assert.Equal((field, rule), ((string)detail!["target"]!, (string)detail["code"]!));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = System.Text.RegularExpressions.Regex.Matches(html, "data-field=\"([^\"]+)\">\\s*<span data-rule=\"([^\"]*)\"")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal([(field, rule)], shown);
    }

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
