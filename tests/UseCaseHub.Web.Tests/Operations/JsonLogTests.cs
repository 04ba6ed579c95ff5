using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Operations;

/// <summary><c>Telemetry:JsonLogs</c>: the host as a process writes one JSON object a line, each request's lines carrying its request id.</summary>
public sealed class JsonLogTests : IDisposable
{
    private readonly string _data = TestPaths.NewTemporaryFolder();

    [Fact]
    public async Task Each_log_line_is_json_with_the_request_id_and_path()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "UseCaseHub.Web.dll"), $"--urls=http://127.0.0.1:{port}",
            $"--Hub:DataPath={_data}", $"--Hub:SeedsPath={TestPaths.Seeds}",
            $"--Hub:ContentPath={Path.Combine(AppContext.BaseDirectory, "Fixtures", "content")}",
            "--Telemetry:JsonLogs=true", "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (lines)
                {
                    lines.Add(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilLiveAsync(client, process);
            using var page = await client.GetAsync(new Uri("/use-cases", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            await Task.Delay(500); // the console logger writes from its own queue
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        string[] written;
        lock (lines)
        {
            written = [.. lines.Where(l => l.Length > 0)];
        }

        Assert.NotEmpty(written);
        var entries = written.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList(); // every line parses as JSON
        var request = entries.First(e => e.GetProperty("Category").GetString() == "Microsoft.AspNetCore.Hosting.Diagnostics"
            && e.GetProperty("Message").GetString()!.Contains("/use-cases", StringComparison.Ordinal));
        var scopes = request.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("RequestId", out var id) && id.GetString()!.Length > 0);
        Assert.Contains(scopes, s => s.TryGetProperty("RequestPath", out var path) && path.GetString() == "/use-cases");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", request.GetProperty("Timestamp").GetString());
    }

    private static async Task WaitUntilLiveAsync(HttpClient client, Process process)
    {
        var until = DateTime.UtcNow.AddMinutes(4); // a loaded 2-core machine starts the host in 10 s to 2 minutes
        while (DateTime.UtcNow < until)
        {
            Assert.False(process.HasExited, "The host exited before it answered.");
            try
            {
                using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (live.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        Assert.Fail("The host did not answer /health/live within four minutes.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temporary folder's cleaning.
        }
    }
}
