using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Search.Lucene;
using UseCaseHub.Testing;

namespace UseCaseHub.Benchmarks;

/// <summary>
/// Search benchmark: synthetic corpus into a real SQLite store, full reindex, in-process latency against a bare
/// Lucene baseline, then the host on loopback under concurrent load. Options: --entries N --queries N --seconds N --clients N --data DIR
/// </summary>
internal static class Benchmark
{
    public static async Task Main(string[] args)
    {
        var options = Options.Parse(args);
        var data = options.Data ?? TestPaths.NewTemporaryFolder();
        var seeds = TestPaths.Seeds;
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Cpu()}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"Data folder: {data}; {options.Entries:N0} synthetic entries, seed {options.Seed}");

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hub:DataPath"] = data,
            ["Hub:SeedsPath"] = seeds,
            ["Hub:ContentPath"] = TestPaths.Content,
            ["Search:SyncOnStart"] = "false",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole())
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = data, EnvironmentName = "Production" })
            .AddHubStore(configuration).AddHubContent().AddHubSearchCore(configuration).AddLuceneSearch(configuration)
            .BuildServiceProvider();

        List<TypicalQuery> queries;
        await using (services)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
                await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync();
                if (!await db.Entries.AnyAsync())
                {
                    await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync();
                    await db.SearchOutbox.ExecuteDeleteAsync();
                    var generator = new CorpusGenerator(db, options.Seed);
                    var generating = Stopwatch.StartNew();
                    await generator.GenerateAsync(options.Entries, done => Console.Error.Write($"\rGenerating {done:N0}/{options.Entries:N0}"));
                    Console.Error.WriteLine();
                    Console.WriteLine($"Corpus: {options.Entries:N0} entries written to SQLite in {generating.Elapsed.TotalSeconds:F1} s; text {generator.TextBytes / 1e6:F1} MB");
                    await File.WriteAllTextAsync(Path.Combine(data, "text-bytes.txt"), generator.TextBytes.ToString(CultureInfo.InvariantCulture));
                }

                queries = await QueryMix.CreateAsync(db, options.Queries, options.Seed);
            }

            if (options.Profile)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var reading = Stopwatch.StartNew();
            var read = 0;
            await foreach (var _ in (await SearchDocuments.CreateAsync(db)).AllAsync(db))
            {
                read++;
            }

            Console.WriteLine($"Reading {read:N0} documents from the store alone: {reading.Elapsed.TotalSeconds:F1} s");
        }

        var indexer = services.GetRequiredService<SearchIndexer>();
            var engine = services.GetRequiredService<ISearchEngine>();
            var indexing = Stopwatch.StartNew();
            var indexed = await indexer.RebuildAsync(new Progress<int>(done => Console.Error.Write($"\rIndexing {done:N0}")));
            Console.Error.WriteLine();
            var seconds = indexing.Elapsed.TotalSeconds;
            var indexPath = ((LuceneSearchEngine)engine).IndexPath;
            var indexBytes = Directory.EnumerateFiles(indexPath).Sum(f => new FileInfo(f).Length);
            var textBytes = long.Parse(await File.ReadAllTextAsync(Path.Combine(data, "text-bytes.txt")), CultureInfo.InvariantCulture);
            Console.WriteLine($"Full reindex from the store: {indexed:N0} entries in {seconds:F1} s ({indexed / seconds:N0} entries/s)");
            Console.WriteLine($"Index size: {indexBytes / 1e6:F1} MB for {textBytes / 1e6:F1} MB of text ({(double)indexBytes / textBytes:F2}x)");

            var ours = await InProcessBenchmark.EngineAsync(engine, queries);
            var bare = InProcessBenchmark.Bare(indexPath, queries);
            if (options.Profile)
            {
                Console.WriteLine($"  without highlights: {(await InProcessBenchmark.EngineAsync(engine, queries, highlight: false)).Summary()}");
                Console.WriteLine($"  without highlights and filters: {(await InProcessBenchmark.EngineAsync(engine, queries, highlight: false, filters: false)).Summary()}");
                var stages = queries.Select(q => ((LuceneSearchEngine)engine).Stages(new SearchRequest { Query = q.Text, Filters = q.Filters, Facets = Facets.All })).Skip(100).ToList();
                string[] names = ["parse", "match+count only", "match+facets+top", "facet lists", "hits+snippets"];
                Console.WriteLine("  stages (mean ms): " + string.Join(", ", names.Select((n, i) => $"{n} {stages.Average(s => s[i]):F3}")));
                var plain = queries.Select(q => ((LuceneSearchEngine)engine).Stages(new SearchRequest { Query = q.Text, Filters = q.Filters, Facets = Facets.All, Highlight = false })).Skip(100).ToList();
                Console.WriteLine("  stages without highlights (mean ms): " + string.Join(", ", names.Select((n, i) => $"{n} {plain.Average(s => s[i]):F3}")));
                Console.WriteLine($"  segments: {Directory.EnumerateFiles(indexPath, "*.si").Count()}");
            }

            Console.WriteLine($"In-process search, all {Facets.All.Count} facets, 10 highlighted hits ({ours.Count} queries): {ours.Summary()}");
            Console.WriteLine($"Bare Lucene: terms + filters, top 10, total, 3 facets ({bare.Count} queries): {bare.Summary()}");
            Console.WriteLine($"Ratio ours/bare: p50 {ours.Percentile(50) / bare.Percentile(50):F2}x, p95 {ours.Percentile(95) / bare.Percentile(95):F2}x");
        }

        SqliteConnection.ClearAllPools();
        HttpScenario[] scenarios =
        [
            new("/api/search", q => "/api/search?" + q.QueryString()),
            new("/search", q => "/search?" + q.QueryString()),
            // new("OData", q => "/odata/UseCases?$search=" + Uri.EscapeDataString(q.Text)),
        ];
        await using (var host = new BenchHost(data, seeds))
        {
            host.UseKestrel(0);
            host.StartServer();
            var baseAddress = host.ClientOptions.BaseAddress;
            Console.WriteLine($"Host on {baseAddress}, {options.Clients} concurrent clients, {options.Seconds} s per scenario");
            foreach (var scenario in scenarios)
            {
                var (perSecond, latencies, errors) = await HttpBenchmark.RunAsync(baseAddress, scenario, queries, options.Clients, TimeSpan.FromSeconds(options.Seconds));
                Console.WriteLine($"  {scenario.Name}: {perSecond:N0} req/s, {latencies.Summary()}, {errors} errors of {latencies.Count}");
            }
        }

        Console.WriteLine($"Peak memory (working set, whole process): {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB");
        if (options.Data is null)
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static string Cpu() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
}

internal sealed record Options(int Entries, int Queries, int Seconds, int Clients, int Seed, string? Data, bool Profile)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new(Number("--entries", 100_000), Number("--queries", 2_000), Number("--seconds", 10), Number("--clients", 8), Number("--seed", 20), Value("--data"), args.Contains("--profile"));
    }
}
