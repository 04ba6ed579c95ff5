using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;

namespace UseCaseHub.Benchmarks;

/// <summary>
/// The soak (<c>--soak MINUTES</c>): the host on loopback under a steady mix from wrk (search with facets, the search page,
/// entry pages, OData queries) with a write every few seconds, reported minute by minute: throughput, latency, errors and
/// the process's memory. Target: no errors, working set flat (within 10% of the first minute's).
/// </summary>
internal static class Soak
{
    private static readonly TimeSpan WriteEvery = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(string data, IEnumerable<KeyValuePair<string, string?>> store, List<TypicalQuery> queries, int minutes)
    {
        var wrk = WrkBenchmark.Ensure();
        await using var host = new BenchHost(data, TestPaths.Seeds, store);
        host.UseKestrel(0);
        host.StartServer();
        var baseAddress = host.ClientOptions.BaseAddress;
        var paths = await MixAsync(host.Services, queries);
        Console.WriteLine($"Soak: {minutes} minute(s) on {baseAddress}; wrk {WrkBenchmark.Threads} threads, {WrkBenchmark.Connections} connections; "
            + $"{paths.Count:N0} paths (search, search page, entry pages, OData); one write every {WriteEvery.TotalSeconds:N0} s");
        await CheckMixAsync(baseAddress, paths);
        using var stop = new CancellationTokenSource();
        var writes = WriteLoopAsync(host.Services, stop.Token);
        var rows = new List<(double WorkingSetMb, long Errors)>();
        for (var minute = 1; minute <= minutes; minute++)
        {
            var result = await WrkBenchmark.RunAsync(wrk, baseAddress, paths, 60, warmUpSeconds: minute == 1 ? WrkBenchmark.DefaultWarmUpSeconds : 0, countStatuses: true);
            using var process = Process.GetCurrentProcess();
            var workingSet = process.WorkingSet64 / 1e6;
            var heap = GC.GetGCMemoryInfo().HeapSizeBytes / 1e6;
            rows.Add((workingSet, result.Errors));
            Console.WriteLine($"  minute {minute,3}: {result.PerSecond,7:N0} req/s; p50 {result.P50:F1} ms, p95 {result.P95:F1} ms, p99 {result.P99:F1} ms; "
                + $"{result.Errors} errors of {result.Requests:N0} ({result.ErrorKinds.Status} status{(result.Statuses is null ? "" : $": {result.Statuses}")}, {result.ErrorKinds.Timeouts} timeouts); working set {workingSet:N0} MB, GC heap {heap:N0} MB; {Writes} writes ({WriteErrors} failed); load average {Benchmark.LoadAverage()}");
        }

        await stop.CancelAsync();
        await writes;
        var first = rows[0].WorkingSetMb;
        var growth = rows.Max(r => r.WorkingSetMb) / first - 1;
        // A failed write counts as an error too: the soak's target is none of either.
        var errors = rows.Sum(r => r.Errors) + WriteErrors;
        Console.WriteLine($"Soak result: {errors} errors ({WriteErrors} of them writes: {Volatile.Read(ref _lastWriteError) ?? "none"}); working set {first:N0} MB in minute 1, {rows[^1].WorkingSetMb:N0} MB at the end, "
            + $"at most {growth:P1} above minute 1 (target: 0 errors, within 10%): {(errors == 0 && growth <= 0.10 ? "met" : "NOT met")}");
    }

    /// <summary>
    /// Every distinct path answered once before the load, so an error in the mix is named, not only counted.
    /// </summary>
    private static async Task CheckMixAsync(Uri baseAddress, List<string> paths)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(1) };
        var sample = paths.Distinct().ToList();
        var failed = 0;
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (path, cancel) =>
        {
            var started = Stopwatch.StartNew();
            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancel);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                    Console.WriteLine($"  mix check: {(int)response.StatusCode} for {path}");
                }
            }
            catch (TaskCanceledException)
            {
                // Named, not thrown: a path that cannot answer within the client's timeout is the soak's finding.
                Interlocked.Increment(ref failed);
                Console.WriteLine($"  mix check: no answer in {started.Elapsed.TotalSeconds:N0} s for {path}");
            }
        });
        Console.WriteLine($"  mix check: {sample.Count - failed} of {sample.Count} paths answered 2xx");
    }

    private static int _writes;

    private static int Writes => Volatile.Read(ref _writes);

    private static int _writeErrors;

    private static int WriteErrors => Volatile.Read(ref _writeErrors);

    private static string? _lastWriteError;

    /// <summary>Search with and without facets, the search page, published entries' pages and OData reads, interleaved.</summary>
    private static async Task<List<string>> MixAsync(IServiceProvider services, List<TypicalQuery> queries)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var entries = await db.Entries.AsNoTracking().Where(e => e.Status == EntryStatus.Published)
            .OrderBy(e => e.Id).Take(500).ToListAsync();
        var mix = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            var query = queries[i % queries.Count];
            mix.Add("/api/search?" + query.QueryString());
            mix.Add("/search?" + query.QueryString());
            mix.Add(entries[i % entries.Count].Path);
            mix.Add(entries[(i * 7 + 3) % entries.Count].Path);
            if (i % 4 == 0)
            {
                mix.Add("/odata/UseCases?$search=" + Uri.EscapeDataString(query.Text) + "&$count=true&$top=10&$select=Pid,Title");
            }
            else if (i % 4 == 2)
            {
                mix.Add("/odata/UseCases?$filter=" + Uri.EscapeDataString($"Sdgs/any(s: s/Number eq {1 + (i % 17)})") + "&$count=true&$top=10&$select=Pid,Title");
            }
        }

        // wrk sends a path byte for byte (HttpClient would escape it): a space or a non-ASCII character would be a 400.
        var raw = mix.FirstOrDefault(p => p.Any(c => c <= ' ' || c >= (char)127));
        return raw is null ? mix : throw new InvalidOperationException($"A soak path is not escaped: {raw}");
    }

    /// <summary>
    /// An edit every few seconds straight through the store (the outbox and the indexer then carry it to the index as
    /// they do every change): the soak's writes keep the write path and the index's refresh busy, not the API's checks.
    /// </summary>
    private static async Task WriteLoopAsync(IServiceProvider services, CancellationToken stop)
    {
        var round = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(WriteEvery, stop);
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
                var entry = await db.Entries.Where(e => e.Status == EntryStatus.Published).OrderBy(e => e.Id).Skip(round++ % 200).FirstAsync(stop);
                entry.Summary = entry.Summary.EndsWith(" (soak)", StringComparison.Ordinal) ? entry.Summary[..^7] : entry.Summary + " (soak)";
                await db.SaveChangesAsync(stop);
                Interlocked.Increment(ref _writes);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Counted and reported with the result (a locked store, a timeout): the loop goes on, as the site would.
                Interlocked.Increment(ref _writeErrors);
                Volatile.Write(ref _lastWriteError, $"{exception.GetType().Name}: {exception.Message}");
            }
        }
    }

}
