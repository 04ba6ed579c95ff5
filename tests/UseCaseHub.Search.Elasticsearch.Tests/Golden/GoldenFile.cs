using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UseCaseHub.Search.Elasticsearch.Tests.Golden;

/// <summary>
/// Compares a request's JSON with <c>Golden/name.json</c> (structurally: key order and spacing do not matter). With
/// <c>UPDATE_GOLDEN=1</c> the files in the source tree are rewritten instead, to be reviewed in the diff and committed.
/// </summary>
internal static class GoldenFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Match(string name, JsonNode? actual, [CallerFilePath] string here = "")
    {
        var source = Path.Combine(Path.GetDirectoryName(here)!, $"{name}.json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, actual?.ToJsonString(Indented) + "\n");
            return;
        }

        var copied = Path.Combine(AppContext.BaseDirectory, "Golden", $"{name}.json");
        Assert.True(File.Exists(copied), $"No golden file {name}.json: run the tests once with UPDATE_GOLDEN=1 and review it.");
        var expected = JsonNode.Parse(File.ReadAllText(copied));
        Assert.True(JsonNode.DeepEquals(expected, actual),
            $"The request differs from Golden/{name}.json (UPDATE_GOLDEN=1 rewrites it after review):\n{actual?.ToJsonString(Indented)}");
    }
}
