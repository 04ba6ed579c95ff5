using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;

namespace UseCaseHub.Web.Tests.Api;

/// <summary>The OpenAPI description and the human /api page, whose copy-paste examples must all work.</summary>
public sealed class DiscoverabilityTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Openapi_describes_every_entity_set_and_every_reference_resolves()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync(new Uri("/odata/openapi.json", UriKind.Relative)))!;

        Assert.Equal("3.0.3", (string)document["openapi"]!);
        var paths = document["paths"]!.AsObject();
        foreach (var set in new[] { "UseCases", "BestPractices", "Sdgs", "Countries", "Regions", "Verticals", "Standards", "Organizations", "EntryTags" })
        {
            Assert.True(paths.ContainsKey("/" + set), set);
        }

        Assert.NotNull(paths["/UseCases({key})"]!["patch"]);
        foreach (var action in new[] { "Submit", "Claim", "Decide", "Withdraw", "Retire" })
        {
            Assert.NotNull(paths[$"/BestPractices({{key}})/UseCaseHub.{action}"]!["post"]);
        }

        var decide = paths["/UseCases({key})/UseCaseHub.Decide"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        Assert.Equal(["Decision"], decide["required"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["Publish", "Return", "Reject"], decide["properties"]!["Decision"]!["enum"]!.AsArray().Select(r => (string)r!));
        var schemas = document["components"]!["schemas"]!.AsObject();
        var references = Descendants(document).OfType<JsonObject>().Where(o => o.ContainsKey("$ref")).Select(o => (string)o["$ref"]!).Distinct().ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(schemas.ContainsKey(r.Replace("#/components/schemas/", "", StringComparison.Ordinal)), r));
        Assert.Null(schemas["Entry"]!["properties"]!["ContentHash"]);
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject o => o.Where(p => p.Value is not null).SelectMany(p => Descendants(p.Value!)).Prepend(o),
        JsonArray a => a.Where(i => i is not null).SelectMany(i => Descendants(i!)).Prepend(a),
        _ => [node],
    };

    [Fact]
    public async Task The_service_root_lists_the_entity_sets_for_excel_and_power_bi()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync(new Uri("/odata/", UriKind.Relative)))!;

        var names = document["value"]!.AsArray().Select(s => (string)s!["name"]!).ToList();
        Assert.Contains("UseCases", names);
        Assert.Contains("EntryTags", names);
    }

    [Fact]
    public async Task The_api_page_explains_the_service_and_every_example_url_answers()
    {
        var html = await _client.GetStringAsync(new Uri("/api", UriKind.Relative));
        var page = new HtmlParser().ParseDocument(html);

        Assert.Contains("OData Feed", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("/UseCaseHub.Decide", page.QuerySelector("pre code")?.TextContent, StringComparison.Ordinal);
        var examples = page.QuerySelectorAll(".api-examples code").Select(c => c.TextContent).ToList();
        Assert.True(examples.Count >= 8);
        foreach (var example in examples)
        {
            using var response = await _client.GetAsync(new Uri(new Uri(example).PathAndQuery, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{example}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
