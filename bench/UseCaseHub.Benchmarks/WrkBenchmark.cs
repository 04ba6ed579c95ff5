using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace UseCaseHub.Benchmarks;

/// <summary>What one wrk run measured: requests, latency percentiles (ms), errors, and the host's CPU per request.</summary>
internal sealed record WrkResult(long Requests, double Seconds, double P50, double P95, double P99, long Errors, double CpuMsPerRequest)
{
    /// <summary>Of <see cref="Errors"/>: answers other than 2xx/3xx, and requests that took longer than wrk's 10 s timeout.</summary>
    public (long Status, long Timeouts) ErrorKinds { get; init; }

    /// <summary>With status counting: each error status and how often it came, e.g. <c>429=3 500=1</c>.</summary>
    public string? Statuses { get; init; }

    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// Load from outside the process: Debian's <c>wrk</c> (8 connections, 2 threads) cycling a list of paths with a Lua
/// <c>request()</c>, its <c>done()</c> printing the percentiles. The host runs in this process and nothing else of
/// this process works during a run, so the process's CPU time before and after, divided by the requests, is the host's
/// CPU per request, the figure that varies least on a shared machine.
/// </summary>
internal static partial class WrkBenchmark
{
    public const int Connections = 8;
    public const int Threads = 2;

    /// <summary>The wrk executable; installed from Debian when missing (it is a small package).</summary>
    public static string Ensure()
    {
        const string path = "/usr/bin/wrk";
        if (File.Exists(path))
        {
            return path;
        }

        Console.WriteLine("wrk is missing: installing it with sudo apt-get install -y wrk");
        using var install = Process.Start(new ProcessStartInfo("sudo", "apt-get install -y wrk") { UseShellExecute = false })!;
        install.WaitForExit();
        return File.Exists(path) ? path : throw new InvalidOperationException("wrk could not be installed (sudo apt-get install -y wrk)");
    }

    /// <summary>The fingerprinted stylesheet the pages link to (<c>/css/site.css?v=...</c>): the floor a static file sets.</summary>
    public static async Task<string> StylesheetAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var page = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        var link = StylesheetLink().Match(page);
        return link.Success ? System.Net.WebUtility.HtmlDecode(link.Groups[1].Value) : throw new InvalidOperationException("no stylesheet link on the home page");
    }

    /// <summary>
    /// The judgement set's queries (48 queries people type, in the six languages), each alone and once more with a common
    /// facet filter: a realistic mix in every script, at the default page size (no pageSize parameter).
    /// </summary>
    public static List<TypicalQuery> JudgementQueries(int seed)
    {
        var path = Path.Combine(UseCaseHub.Testing.TestPaths.Repository, "tests", "UseCaseHub.Search.Contract", "Search", "Relevance", "judgements.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var queries = json.RootElement.GetProperty("queries").EnumerateArray().Select(q => q.GetProperty("query").GetString()!).ToList();
        (string Facet, string Value)[] filters = [("sdg", "6"), ("sdg", "11"), ("sdg", "9"), ("type", "use-case"), ("region", "002"), ("region", "142"), ("vertical", "energy"), ("group", "LDC")];
        var random = new Random(seed);
        var none = new Dictionary<string, IReadOnlyList<string>>();
        var mix = queries.Select(q => new TypicalQuery(q, none)).ToList();
        mix.AddRange(queries.Select(q => filters[random.Next(filters.Length)])
            .Select((f, i) => new TypicalQuery(queries[i], new Dictionary<string, IReadOnlyList<string>> { [f.Facet] = [f.Value] })));
        return mix.OrderBy(_ => random.Next()).ToList();
    }

    /// <summary>
    /// Seconds of unmeasured load before a scenario unless told. Tiered compilation takes 10-15 s of load to settle on a page's code
    /// (counted with dotnet-counters: thousands of methods jitted per 4 s at first, a few hundred after 12 s); a 3 s warm-up
    /// measured the search page at twice its steady CPU per request.
    /// </summary>
    public const int DefaultWarmUpSeconds = 15;

    public static async Task<WrkResult> RunAsync(string wrk, Uri baseAddress, IReadOnlyList<string> paths, int seconds, int warmUpSeconds = DefaultWarmUpSeconds,
        bool countStatuses = false)
    {
        var script = Path.Combine(Path.GetTempPath(), $"usecasehub-wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Lua(paths) + (countStatuses ? StatusCounting : ""));
        try
        {
            // Warm up (JIT tiering, Razor, caches) with the same load, unmeasured.
            if (warmUpSeconds > 0)
            {
                await RunWrkAsync(wrk, baseAddress, script, warmUpSeconds);
            }

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var output = await RunWrkAsync(wrk, baseAddress, script, seconds);
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException("wrk printed no result:\n" + output);
            var f = line.Split(' ').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var requests = (long)f[0];
            var statuses = output.Split('\n').FirstOrDefault(l => l.StartsWith("STATUSES", StringComparison.Ordinal))?["STATUSES".Length..].Trim();
            return new WrkResult(requests, f[1] / 1e6, f[2] / 1000, f[3] / 1000, f[4] / 1000, (long)f[5], cpuMs / Math.Max(1, requests))
            {
                ErrorKinds = ((long)f[6], (long)f[7]),
                Statuses = string.IsNullOrEmpty(statuses) ? null : statuses,
            };
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<string> RunWrkAsync(string wrk, Uri baseAddress, string script, int seconds)
    {
        var start = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-t", Threads.ToString(CultureInfo.InvariantCulture), "-c", Connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{seconds}s", "--timeout", "10s", "--latency", "-s", script, baseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await output + await error;
    }

    /// <summary>A script cycling the paths (each wrk thread from its own start) and printing one parsable line at the end.</summary>
    private static string Lua(IReadOnlyList<string> paths)
    {
        var lua = new StringBuilder("local paths = {\n");
        foreach (var path in paths)
        {
            lua.Append("  \"").Append(path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\",\n");
        }

        lua.Append("""
            }
            local i = 0
            local thread_count = 0
            setup = function(thread)
              thread:set("i", thread_count * 7)
              thread_count = thread_count + 1
            end
            request = function()
              i = i + 1
              return wrk.format("GET", paths[(i % #paths) + 1])
            end
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("RESULT %d %d %d %d %d %d %d %d\n", summary.requests, summary.duration,
                latency:percentile(50), latency:percentile(95), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout,
                e.status, e.timeout))
            end

            """);
        return lua.ToString();
    }

    /// <summary>Counts answers of 400 and above per status in each thread and prints them after the result (costs a little per answer).</summary>
    private const string StatusCounting = """
        local threads = {}
        local base_setup = setup
        setup = function(thread)
          base_setup(thread)
          table.insert(threads, thread)
        end
        codes = {}
        response = function(status, headers, body)
          if status >= 400 then codes[status] = (codes[status] or 0) + 1 end
        end
        local base_done = done
        done = function(summary, latency, requests)
          base_done(summary, latency, requests)
          local total = {}
          for _, thread in ipairs(threads) do
            for status, count in pairs(thread:get("codes")) do total[status] = (total[status] or 0) + count end
          end
          local line = "STATUSES"
          for status, count in pairs(total) do line = line .. " " .. status .. "=" .. count end
          io.write(line .. "\n")
        end

        """;

    [GeneratedRegex("""<link rel="stylesheet" href="([^"]+)"[^>]*>""")]
    private static partial Regex StylesheetLink();
}
