using System.Diagnostics;

namespace UseCaseHub.Benchmarks;

/// <summary>A URL to load: one more scenario is one more line in <see cref="Benchmark"/>.</summary>
/// <summary>One HTTP scenario; <c>Searches</c> when it asks what the in-process search measures (its CPU is compared with that mean).</summary>
internal sealed record HttpScenario(string Name, Func<TypicalQuery, string> Url, bool Searches = false);

/// <summary>Concurrent clients over loopback for a fixed time: requests per second, latency, errors.</summary>
internal static class HttpBenchmark
{
    public static async Task<(double PerSecond, Latencies Latencies, int Errors, long Bytes, double CpuMs, double AllocatedKb, int Collections)> RunAsync(
        Uri baseAddress, HttpScenario scenario, IReadOnlyList<TypicalQuery> queries, int clients, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        // Warm up for a few seconds: JIT tiering, Razor compilation, connections, caches.
        var warming = Stopwatch.StartNew();
        for (var i = 0; warming.Elapsed < TimeSpan.FromSeconds(3); i++)
        {
            using var _ = await http.GetAsync(new Uri(scenario.Url(queries[i % queries.Count]), UriKind.Relative));
        }

        var uris = queries.Select(q => new Uri(scenario.Url(q), UriKind.Relative)).ToArray();
        var errors = 0;
        long bytes = 0;
        var all = new Latencies();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var collections = GC.CollectionCount(0);
        var started = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            var latencies = new Latencies();
            // The client shares the machine with the server: read each body into one reused buffer, keeping its cost low.
            var buffer = new byte[64 * 1024];
            for (var i = worker; started.Elapsed < duration; i += clients)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(uris[i % uris.Length], HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    int read;
                    while ((read = await body.ReadAsync(buffer)) > 0)
                    {
                        Interlocked.Add(ref bytes, read);
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies.Add(start);
            }

            return latencies;
        })).ToList();
        foreach (var latencies in await Task.WhenAll(workers))
        {
            all.AddRange(latencies);
        }

        // Server and clients share the process: CPU per request counts both, as a machine serving itself would.
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Math.Max(1, all.Count);
        var allocatedKb = (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / Math.Max(1, all.Count);
        return (all.Count / started.Elapsed.TotalSeconds, all, errors, all.Count == 0 ? 0 : bytes / all.Count, cpuMs, allocatedKb, GC.CollectionCount(0) - collections);
    }
}
