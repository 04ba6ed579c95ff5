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
/// Search benchmark: a synthetic corpus into a real SQLite store, a full reindex from it, in-process latency
/// next to a bare Lucene baseline, then the host on loopback under concurrent load.
/// With --real, the shipped content/ (through the real importer), repeated to --entries N when given, loaded from outside by wrk.
/// Options: --soak MINUTES --real --entries N --queries N --seconds N --clients N --seed N --data DIR (kept, reused) --profile --http-only --skip-reindex (reuse the index in --data) --only NAME (the HTTP scenarios whose name starts so)
/// --store sqlite|postgres --pg CONNSTR (the store; the index stays in --data) --writes N (store writes measured through SaveChanges; 0 skips) --warmup SECONDS (wrk)
/// </summary>
internal static class Benchmark
{
    /// <summary>The HTTP scenarios: one more is one more line.</summary>
    private static readonly HttpScenario[] Scenarios =
    [
        new("/api/search", q => "/api/search?" + q.QueryString(), Searches: true),
        new("/search", q => "/search?" + q.QueryString(), Searches: true),
        new("OData $filter any(SDG) + $count, top 10", q => $"/odata/UseCases?$filter=Sdgs/any(s: s/Number eq {SdgOf(q)})&$count=true&$top=10&$select=Pid,Title"),
        new("OData $search + $count, top 10", q => "/odata/UseCases?$search=" + Uri.EscapeDataString(q.Text) + "&$count=true&$top=10&$select=Pid,Title"),
        new("OData $apply count by SDG", _ => "/odata/EntryTags?$apply=filter(Facet eq 'sdg')/groupby((Code),aggregate($count as Entries))"),
        new("OData $apply count by region", _ => "/odata/EntryTags?$apply=filter(Facet eq 'region')/groupby((Code),aggregate($count as Entries))"),
    ];

    /// <summary>The query's SDG filter if it has one, else a goal picked from its text (stable per query).</summary>
    private static string SdgOf(TypicalQuery query) =>
        query.Filters.TryGetValue("sdg", out var goals) && goals.Count > 0
            ? goals[0]
            : (1 + (query.Text.Length % 17)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task Main(string[] args)
    {
        var options = Options.Parse(args);
        var data = options.Data ?? TestPaths.NewTemporaryFolder();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Cpu()}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; load average {LoadAverage()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine(options.Real
            ? $"Data folder: {data}; real text: the shipped content{(options.Entries is { } n ? $" repeated to {n:N0} entries" : "")}, seed {options.Seed}"
            : $"Data folder: {data}; {options.SyntheticEntries:N0} synthetic entries, seed {options.Seed}");
        List<TypicalQuery> queries;
        var judged = WrkBenchmark.JudgementQueries(options.Seed);
        double? inProcessMean = null;
        await using (var services = Services(data, options))
        {
            await EnsureProviderAsync(services, options);
            queries = options.Real ? await PrepareRealStoreAsync(services, options, data) : await PrepareStoreAsync(services, options, data);
            if (!options.HttpOnly)
            {
                if (options.Writes > 0)
                {
                    var (written, seconds) = await StoreWrites.MeasureAsync(services, options.Writes, options.Seed);
                    Console.WriteLine($"Store writes through SaveChanges (100 entries a save, tags and outbox rows): {written:N0} entries in {seconds:F1} s ({written / seconds:N0} entries/s); load average {LoadAverage()}");
                }

                await MeasureInProcessAsync(services, options, data, queries);
                if (options.Real)
                {
                    inProcessMean = await MeasureJudgedInProcessAsync(services, judged);
                }
            }
        }

        SqliteConnection.ClearAllPools();
        if (options.SoakMinutes is { } minutes)
        {
            await Soak.RunAsync(data, options.StoreSettings(), options.Real ? judged : queries, minutes);
        }
        else if (options.Real)
        {
            await MeasureWrkAsync(options, data, judged, inProcessMean);
        }
        else
        {
            await MeasureHttpAsync(options, data, queries);
        }

        Console.WriteLine($"Peak memory (working set, whole process): {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB; load average {LoadAverage()}");
        if (options.Data is null)
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException exception)
            {
                Console.WriteLine($"The data folder {data} was left behind: {exception.Message}");
            }
        }
    }

    private static ServiceProvider Services(string data, Options options)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hub:DataPath"] = data,
            ["Hub:SeedsPath"] = TestPaths.Seeds,
            ["Hub:ContentPath"] = TestPaths.Content,
            ["Search:SyncOnStart"] = "false",
        }.Concat(options.StoreSettings())).Build();
        return new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole())
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = data, EnvironmentName = "Production" })
            .AddHubStore(configuration).AddHubContent().AddHubSearchCore(configuration).AddLuceneSearch(configuration)
            .BuildServiceProvider();
    }

    /// <summary>
    /// --store postgres only means something where the store has a PostgreSQL provider (<c>Store:Provider</c>): a build
    /// without one would silently measure SQLite, so the benchmark stops instead.
    /// </summary>
    private static async Task EnsureProviderAsync(IServiceProvider services, Options options)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var provider = db.Database.ProviderName ?? "";
        if (IsPostgres(db) != options.Postgres)
        {
            throw new InvalidOperationException($"--store {options.Store} asked, but the store runs on {provider}: this build has no PostgreSQL provider (Store:Provider), or ignored it.");
        }

        Console.WriteLine($"Store: {provider}");
    }

    /// <summary>Whether the store runs on PostgreSQL (Npgsql), whatever the options asked.</summary>
    public static bool IsPostgres(HubDbContext db) => db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    /// <summary>Seeds, the real content (the templates), then the synthetic entries, unless the data folder already has them.</summary>
    private static async Task<List<TypicalQuery>> PrepareStoreAsync(IServiceProvider services, Options options, string data)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync();
        if (!await db.Entries.AnyAsync())
        {
            await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync();
            await db.SearchOutbox.ExecuteDeleteAsync();
            if (options.Postgres)
            {
                // The synthetic generator speaks SQLite; on PostgreSQL the corpus is the shipped entries repeated (as --real).
                var corpus = new RealCorpus(db, options.Seed);
                var repeating = Stopwatch.StartNew();
                await corpus.RepeatAsync(options.SyntheticEntries, new BenchProgress("Repeating", options.SyntheticEntries).Report);
                Console.Error.WriteLine();
                Console.WriteLine($"Corpus: {options.SyntheticEntries:N0} entries, the shipped entries repeated in SQL in {repeating.Elapsed.TotalSeconds:F1} s; text {corpus.TextBytes / 1e6:F1} MB");
                await File.WriteAllTextAsync(Path.Combine(data, "text-bytes.txt"), corpus.TextBytes.ToString(CultureInfo.InvariantCulture));
                return await QueryMix.CreateAsync(db, options.Queries, options.Seed);
            }

            var generator = new CorpusGenerator(db, options.Seed);
            var generating = Stopwatch.StartNew();
            await generator.GenerateAsync(options.SyntheticEntries, new BenchProgress("Generating", options.SyntheticEntries).Report);
            Console.Error.WriteLine();
            Console.WriteLine($"Corpus: {options.SyntheticEntries:N0} entries written to SQLite in {generating.Elapsed.TotalSeconds:F1} s; text {generator.TextBytes / 1e6:F1} MB");
            await File.WriteAllTextAsync(Path.Combine(data, "text-bytes.txt"), generator.TextBytes.ToString(CultureInfo.InvariantCulture));
        }

        return await QueryMix.CreateAsync(db, options.Queries, options.Seed);
    }

    /// <summary>The shipped content through the real importer, then (with --entries) its entries repeated, unless the data folder has them.</summary>
    private static async Task<List<TypicalQuery>> PrepareRealStoreAsync(IServiceProvider services, Options options, string data)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync();
        if (!await db.Entries.AnyAsync())
        {
            var importing = Stopwatch.StartNew();
            var report = await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync();
            Console.WriteLine($"Content: {report.Added} shipped files (entries, translations, pages) imported by the content importer in {importing.Elapsed.TotalSeconds:F1} s ({report.Failed} failed)");
            await db.SearchOutbox.ExecuteDeleteAsync();
            var corpus = new RealCorpus(db, options.Seed);
            var repeating = Stopwatch.StartNew();
            await corpus.RepeatAsync(options.Entries ?? 0, new BenchProgress("Repeating", options.Entries).Report);
            Console.Error.WriteLine();
            Console.WriteLine($"Corpus: {await db.Entries.CountAsync():N0} entries of real text ({repeating.Elapsed.TotalSeconds:F1} s to repeat); text {corpus.TextBytes / 1e6:F1} MB");
            await File.WriteAllTextAsync(Path.Combine(data, "text-bytes.txt"), corpus.TextBytes.ToString(CultureInfo.InvariantCulture));
        }

        return await QueryMix.CreateAsync(db, options.Queries, options.Seed);
    }

    /// <summary>The HTTP load's own query mix in process, at the default page size: the mean to compare the host's CPU per request with.</summary>
    private static async Task<double> MeasureJudgedInProcessAsync(IServiceProvider services, List<TypicalQuery> judged)
    {
        var engine = services.GetRequiredService<ISearchEngine>();
        var repeated = Enumerable.Range(0, 20).SelectMany(_ => judged).ToList();
        var latencies = await InProcessBenchmark.EngineAsync(engine, repeated, facetLimit: 10, children: FacetChildren.Selected);
        Console.WriteLine($"In-process, the HTTP mix ({judged.Count} judgement queries, half with a filter, as /api/search asks): mean {latencies.Mean:F2} ms, {latencies.Summary()}; {latencies.TotalsSummary()}");
        return latencies.Mean;
    }

    /// <summary>The host on loopback loaded by wrk: the stylesheet (the floor), then every HTTP scenario (search API, page, OData) with the judgement mix.</summary>
    private static async Task MeasureWrkAsync(Options options, string data, List<TypicalQuery> judged, double? inProcessMean)
    {
        var wrk = WrkBenchmark.Ensure();
        await using var host = new BenchHost(data, TestPaths.Seeds, options.StoreSettings());
        host.UseKestrel(0);
        host.StartServer();
        var baseAddress = host.ClientOptions.BaseAddress;
        var stylesheet = await WrkBenchmark.StylesheetAsync(baseAddress);
        Console.WriteLine($"Host on {baseAddress}; wrk {WrkBenchmark.Threads} threads, {WrkBenchmark.Connections} connections, {options.Seconds} s per scenario; default page size {InProcessBenchmark.DefaultPageSize}");
        // The same scenarios as the in-process client's, on the judgement mix; the request line escaped as a client would (OData's spaces and quotes).
        (string Name, List<string> Paths, bool Searches)[] scenarios =
        [
            ("static stylesheet (floor)", [stylesheet], false),
            .. Scenarios.Select(s => (s.Name, judged.Select(q => new Uri(baseAddress, s.Url(q)).PathAndQuery).Distinct().ToList(), s.Searches)),
        ];
        WrkResult? floor = null;
        foreach (var (name, paths, searches) in scenarios.Where(s => options.Only is null || s.Name.StartsWith(options.Only, StringComparison.Ordinal) || s.Name.StartsWith("static", StringComparison.Ordinal)))
        {
            var result = await WrkBenchmark.RunAsync(wrk, baseAddress, paths, options.Seconds, options.WarmUp);
            floor ??= result;
            var ratio = result == floor ? "" : $", {result.PerSecond / floor.PerSecond:P1} of the floor";
            // Only the search scenarios ask what the in-process mean measured; OData's work is the store's (on PostgreSQL, outside this process).
            var cpu = !searches || inProcessMean is null ? "" : $", {result.CpuMsPerRequest / inProcessMean.Value:F2}x the in-process mean";
            Console.WriteLine($"  {name}: {result.PerSecond:N0} req/s{ratio}; p50 {result.P50:F2} ms, p95 {result.P95:F2} ms, p99 {result.P99:F2} ms (p99/p50 {result.P99 / result.P50:F1}x); "
                + $"{result.Errors} errors of {result.Requests:N0}; host CPU {result.CpuMsPerRequest:F3} ms a request{cpu}; load average {LoadAverage()}");
        }
    }

    private static async Task MeasureInProcessAsync(IServiceProvider services, Options options, string data, List<TypicalQuery> queries)
    {
        var engine = (LuceneSearchEngine)services.GetRequiredService<ISearchEngine>();
        if (!options.SkipReindex)
        {
            var indexing = Stopwatch.StartNew();
            var indexed = await services.GetRequiredService<SearchIndexer>().RebuildAsync(new Progress<int>(new BenchProgress("Indexing").Report));
            Console.Error.WriteLine();
            var seconds = indexing.Elapsed.TotalSeconds;
            var indexBytes = Directory.EnumerateFiles(engine.IndexPath).Sum(f => new FileInfo(f).Length);
            var textBytes = long.Parse(await File.ReadAllTextAsync(Path.Combine(data, "text-bytes.txt")), CultureInfo.InvariantCulture);
            Console.WriteLine($"Full reindex from the store: {indexed:N0} entries in {seconds:F1} s ({indexed / seconds:N0} entries/s)");
            Console.WriteLine($"Index size: {indexBytes / 1e6:F1} MB for {textBytes / 1e6:F1} MB of text ({(double)indexBytes / textBytes:F2}x)");
        }

        var ours = await InProcessBenchmark.EngineAsync(engine, queries);
        var bare = InProcessBenchmark.Bare(engine.IndexPath, queries);
        Console.WriteLine($"In-process search, all {Facets.All.Count} facets, 10 highlighted hits ({ours.Count} queries): {ours.Summary()}; {ours.TotalsSummary()}");
        Console.WriteLine($"Bare Lucene: terms + filters, top 10, total, 3 facets ({bare.Count} queries): {bare.Summary()}");
        Console.WriteLine($"Ratio ours/bare: p50 {ours.Percentile(50) / bare.Percentile(50):F2}x, p95 {ours.Percentile(95) / bare.Percentile(95):F2}x");
        var asApi = await InProcessBenchmark.EngineAsync(engine, queries, facetLimit: 10, children: FacetChildren.Selected);
        Console.WriteLine($"In-process search as /api/search asks (all facets counted, top 10 values, children under selected values): {asApi.Summary()}; {asApi.TotalsSummary()}");
        if (options.Profile)
        {
            string[] names = ["parse", "match+count only", "match+facets+top", "facet lists", "hits+snippets", "match+top only"];
            foreach (var highlight in new[] { true, false })
            {
                var stages = queries.Skip(100).Select(q => engine.Stages(new SearchRequest { Query = q.Text, Filters = q.Filters, Facets = Facets.All, Highlight = highlight })).ToList();
                Console.WriteLine($"  stages, highlight {highlight} (mean ms): " + string.Join(", ", names.Select((n, i) => $"{n} {stages.Average(s => s[i]):F3} ({stages.Average(s => s[i + names.Length]):F0} KB)")));
            }

            Console.WriteLine($"  segments: {Directory.EnumerateFiles(engine.IndexPath, "*.si").Count()}; facet values: {FacetValueIds.All.Entries.Length:N0}");
        }
    }

    private static async Task MeasureHttpAsync(Options options, string data, List<TypicalQuery> queries)
    {
        await using var host = new BenchHost(data, TestPaths.Seeds, options.StoreSettings());
        host.UseKestrel(0);
        host.StartServer();
        var baseAddress = host.ClientOptions.BaseAddress;
        Console.WriteLine($"Host on {baseAddress}, {options.Clients} concurrent clients, {options.Seconds} s per scenario");
        foreach (var scenario in Scenarios.Where(s => options.Only is null || s.Name.StartsWith(options.Only, StringComparison.Ordinal)))
        {
            var (perSecond, latencies, errors, bytes, cpuMs, allocatedKb, collections) = await HttpBenchmark.RunAsync(baseAddress, scenario, queries, options.Clients, TimeSpan.FromSeconds(options.Seconds));
            Console.WriteLine($"  {scenario.Name}: {perSecond:N0} req/s, {latencies.Summary()}, {errors} errors of {latencies.Count}, {bytes / 1024.0:F0} KB per response, {cpuMs:F2} ms CPU and {allocatedKb:F0} KB allocated per request (server and clients), {collections} GCs");
        }
    }

    private static string Cpu() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    /// <summary>The machine is shared: the load average says how much of it the figures had.</summary>
    /// <summary>The machine's load average (1, 5, 15 minutes), said beside every figure: other work on the machine slows it.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}

internal sealed record Options(int? Entries, int Queries, int Seconds, int Clients, int Seed, string? Data, bool Profile, bool HttpOnly, bool SkipReindex, string? Only, bool Real,
    string Store = "sqlite", string? Pg = null, int Writes = 2_000)
{
    public bool Postgres => Store == "postgres";

    /// <summary>The store settings the services and the host share: SQLite in the data folder, or the PostgreSQL database named by --pg.</summary>
    public IEnumerable<KeyValuePair<string, string?>> StoreSettings() => Postgres
        ? [new("Store:Provider", "Postgres"), new("Store:ConnectionString", Pg)]
        : [];

    /// <summary>--soak MINUTES: the mixed soak instead of the HTTP scenarios (<see cref="Soak"/>).</summary>
    public int? SoakMinutes { get; init; }

    /// <summary>--warmup SECONDS: unmeasured wrk load before each scenario (<see cref="WrkBenchmark.DefaultWarmUpSeconds"/>).</summary>
    public int WarmUp { get; init; } = WrkBenchmark.DefaultWarmUpSeconds;

    /// <summary>The synthetic corpus's size: 100,000 unless told.</summary>
    public int SyntheticEntries => Entries ?? 100_000;

    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var options = new Options(Value("--entries") is { } entries ? int.Parse(entries, CultureInfo.InvariantCulture) : null, Number("--queries", 2_000), Number("--seconds", 10), Number("--clients", 8), Number("--seed", 20),
            Value("--data"), args.Contains("--profile"), args.Contains("--http-only"), args.Contains("--skip-reindex"), Value("--only"), args.Contains("--real"),
            Value("--store") ?? "sqlite", Value("--pg"), Number("--writes", 2_000))
        {
            SoakMinutes = Value("--soak") is { } soak ? int.Parse(soak, CultureInfo.InvariantCulture) : null,
            WarmUp = Number("--warmup", WrkBenchmark.DefaultWarmUpSeconds),
        };
        if (options.Store is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException("--store is sqlite or postgres");
        }

        return options.Postgres && string.IsNullOrWhiteSpace(options.Pg)
            ? throw new ArgumentException("--store postgres needs --pg \"Host=...;Database=...;Username=...\"")
            : options;
    }
}
