using System.Net;
using System.Text.Json;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Cli;

namespace UseCaseHub.Web.Tests.Operations;

/// <summary><c>Telemetry:JsonLogs</c>: the host as a process writes one JSON object a line, each request's lines carrying its request id.</summary>
public sealed class JsonLogTests : IDisposable
{
    private readonly string _data = TestPaths.NewTemporaryFolder();

    [Fact]
    public async Task Each_log_line_is_json_with_the_request_id_and_path()
    {
        var (hub, address) = await HubProcess.ServeAsync(_data,
            $"--Hub:ContentPath={Path.Combine(AppContext.BaseDirectory, "Fixtures", "content")}",
            "--Telemetry:JsonLogs=true", "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information");
        using (hub)
        {
            using var client = new HttpClient { BaseAddress = address };
            using var page = await client.GetAsync(new Uri("/use-cases", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            // The console logger writes from its own queue: the request's last line may follow the answer by a moment.
            await Eventually.Until(() => hub.Output.Contains("Request finished", StringComparison.Ordinal), "the request's log lines");
        }

        var written = hub.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(written);
        var entries = written.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList(); // every line parses as JSON
        var request = entries.First(e => e.GetProperty("Category").GetString() == "Microsoft.AspNetCore.Hosting.Diagnostics"
            && e.GetProperty("Message").GetString()!.Contains("/use-cases", StringComparison.Ordinal));
        var scopes = request.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("RequestId", out var id) && id.GetString()!.Length > 0);
        Assert.Contains(scopes, s => s.TryGetProperty("RequestPath", out var path) && path.GetString() == "/use-cases");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", request.GetProperty("Timestamp").GetString());
    }

    public void Dispose() => TestPaths.DeleteTemporaryFolder(_data);
}
