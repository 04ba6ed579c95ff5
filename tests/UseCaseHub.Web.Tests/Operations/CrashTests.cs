using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Workflow;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Cli;
using Xunit.Abstractions;

namespace UseCaseHub.Web.Tests.Operations;

/// <summary>
/// Issue 16 item 1: the host as a separate process on SQLite, killed with SIGKILL at seeded random moments while it
/// takes writes, rebuilds its index or imports content, then started again on the same data folder: every write it
/// acknowledged is there, nothing is half-written, and the index agrees with the store after the start's catch-up.
/// </summary>
public sealed partial class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20261201;
    private readonly string _data = TestPaths.NewTemporaryFolder();

    private static string FixtureContent => Path.Combine(AppContext.BaseDirectory, "Fixtures", "content");

    /// <summary>Demo accounts (a member's API client, a curator), cheap password hashing, no rate limits, a quick indexer.</summary>
    private static string[] Settings(string content) =>
    [
        "--Identity:Demo:Enabled=true", "--Identity:PasswordHashIterations=1000", "--Identity:RateLimits:Enabled=false",
        $"--Hub:ContentPath={content}", "--Search:PollSeconds=0.2",
    ];

    [GeneratedRegex(@"^Crash probe zq(\d+) rev(\d+)$")]
    private static partial Regex ProbeTitle();

    [Fact]
    public async Task Killed_during_writes_it_loses_no_acknowledged_write_shows_nothing_half_written_and_its_index_catches_up()
    {
        var random = new Random(Seed);
        var writer = new HubWriter(Seed);
        const int kills = 20;
        for (var round = 0; round <= kills; round++)
        {
            var (hub, address) = await HubProcess.ServeAsync(_data, Settings(FixtureContent));
            using (hub)
            {
                var sessions = await HubWriter.SignInAsync(address);
                await CheckAfterRestartAsync(writer, sessions, random);
                if (round == kills)
                {
                    break;
                }

                using var stop = new CancellationTokenSource();
                var before = writer.Writes;
                var writing = writer.RunAsync(sessions, stop.Token);
                // The kill lands amid writes, never before the round's first two are acknowledged (a loaded machine can take
                // seconds for them): a kill with nothing written tests nothing, and under the whole suite's load the random
                // delay alone let fewer than two writes a round through.
                await Eventually.Until(() => writer.Writes >= before + 2 || writing.IsCompleted, $"two writes acknowledged in round {round}", TimeSpan.FromSeconds(90));
                if (writing.IsCompleted)
                {
                    await writing;
                }

                await Task.Delay(random.Next(100, 900));
                hub.Kill();
                await stop.CancelAsync();
                await writing;
            }
        }

        output.WriteLine($"{kills} kills, {writer.Writes} acknowledged writes, {writer.Acknowledged.Count} probe entries: " +
            string.Join(", ", writer.Acknowledged.Values.GroupBy(p => p.Status).Select(g => $"{g.Count()} {g.Key}")));
        Assert.True(writer.Writes >= 2 * kills, $"only {writer.Writes} writes were acknowledged");
        Assert.Contains(writer.Acknowledged.Values, p => p.Status == EntryStatus.Published);
    }

    /// <summary>
    /// The store after a restart against what the host acknowledged: each acknowledged probe as acknowledged, or as the
    /// write in flight at the kill left it; no probe nobody wrote; nothing half-written; the index in line.
    /// </summary>
    private async Task CheckAfterRestartAsync(HubWriter writer, HubWriter.Sessions sessions, Random random)
    {
        await using var db = StoreProbe.Open(_data);
        var stored = await db.Entries.AsNoTracking().Canonical().Where(e => e.Title.StartsWith("Crash probe ")).ToListAsync();
        var probes = stored.Select(e =>
        {
            var match = ProbeTitle().Match(e.Title);
            Assert.True(match.Success, e.Title);
            return new HubWriter.Probe(e.Id, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), e.Status);
        }).ToDictionary(p => p.Id);
        var pending = writer.Pending;
        foreach (var acknowledged in writer.Acknowledged.Values)
        {
            Assert.True(probes.TryGetValue(acknowledged.Id, out var found), $"acknowledged {acknowledged.Title} is missing after the kill");
            var inFlight = pending?.Id == acknowledged.Id ? pending.After with { Id = acknowledged.Id } : null;
            Assert.True(found == acknowledged || found == inFlight,
                $"{acknowledged.Title} {acknowledged.Status} was acknowledged; the store has {found.Title} {found.Status}");
        }

        foreach (var extra in probes.Values.Where(p => !writer.Acknowledged.ContainsKey(p.Id)))
        {
            Assert.True(pending is { Id: null } && pending.After.Number == extra.Number && extra is { Revision: 0, Status: EntryStatus.Draft },
                $"{extra.Title} is in the store but was never written");
        }

        await StoreProbe.AssertNothingHalfWrittenAsync(db);
        var sample = stored.OrderBy(_ => random.Next()).Take(4).ToList();
        await StoreProbe.AssertIndexAgreesAsync(sessions.Curator, db, sample);
        writer.Adopt(probes.Values);
    }

    [Fact]
    public async Task Killed_during_reindex_the_next_start_repairs_the_index_and_reindex_runs_again()
    {
        var random = new Random(Seed + 1);
        var (first, _) = await HubProcess.ServeAsync(_data, Settings(FixtureContent));
        first.Dispose();

        for (var kill = 0; kill < 5; kill++)
        {
            using var reindex = HubProcess.Start(_data, ["reindex", .. Settings(FixtureContent)]);
            // Some kills before the rebuild (start-up), most during it: the delay runs from the first line the command writes.
            await reindex.WaitForOutputAsync(kill == 0 ? "" : "info:", TimeSpan.FromMinutes(3));
            await Task.Delay(random.Next(0, 1500));
            reindex.Kill();
            output.WriteLine($"kill {kill}: {reindex.Output.Split('\n').LastOrDefault(l => l.Length > 0)}");
        }

        await AssertServedIndexAgreesAsync(FixtureContent, random);
        var again = await HubProcess.RunAsync(_data, null, ["reindex", .. Settings(FixtureContent)]);
        Assert.True(again.ExitCode == 0, again.Output + again.Errors);
        Assert.Contains("Indexed ", again.Output, StringComparison.Ordinal);
        await AssertServedIndexAgreesAsync(FixtureContent, random);
    }

    [Fact]
    public async Task Killed_during_import_each_file_is_stored_whole_or_not_at_all_and_the_next_import_finishes()
    {
        var random = new Random(Seed + 2);
        var content = TestPaths.Content;
        for (var kill = 0; kill < 5; kill++)
        {
            using var import = HubProcess.Start(_data, ["import", content, .. Settings(content)]);
            // The first kill may land in the start (migrations, seeds); the others while files are imported.
            await import.WaitForOutputAsync(kill == 0 ? "" : "Importing ", TimeSpan.FromMinutes(3));
            await Task.Delay(random.Next(0, 2000));
            import.Kill();
            output.WriteLine($"kill {kill}: {import.Output.Split('\n').LastOrDefault(l => l.Length > 0)}");
            if (File.Exists(Path.Combine(_data, "usecasehub.db")))
            {
                await using var db = StoreProbe.Open(_data);
                await StoreProbe.AssertNothingHalfWrittenAsync(db);
            }
        }

        var finished = await HubProcess.RunAsync(_data, null, ["import", content, .. Settings(content)]);
        Assert.True(finished.ExitCode == 0, finished.Output + finished.Errors);
        Assert.Contains(" 0 failed", finished.Output, StringComparison.Ordinal);
        await using (var db = StoreProbe.Open(_data))
        {
            await StoreProbe.AssertNothingHalfWrittenAsync(db);
            var files = Directory.EnumerateFiles(Path.Combine(content, "use-cases"), "*.md").Count()
                + Directory.EnumerateFiles(Path.Combine(content, "best-practices"), "*.md").Count();
            Assert.Equal(files, await db.Entries.Canonical().CountAsync());
        }

        await AssertServedIndexAgreesAsync(content, random);
    }

    /// <summary>
    /// EF Core's SQLite migration lock is a row in the database (not a lock the OS frees with the process): a start killed
    /// while migrating leaves it, and every later start waited for it for ever. Here the row is left as a kill leaves it.
    /// </summary>
    [Theory]
    [InlineData(false)] // killed during an ordinary start, nothing to migrate
    [InlineData(true)] // killed during the first start (or an upgrade), migrations still to apply
    public async Task A_migration_lock_left_by_a_killed_start_does_not_stop_the_next_start(bool pending)
    {
        if (!pending)
        {
            var first = await HubProcess.RunAsync(_data, null, "revalidate");
            Assert.True(first.ExitCode == 0, first.Output + first.Errors);
        }

        await using (var db = StoreProbe.Open(_data))
        {
            await db.Database.ExecuteSqlRawAsync("""CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);""");
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-01-01 00:00:00+00:00');""");
        }

        using var second = HubProcess.Start(_data, "revalidate");
        // An ordinary start takes seconds (a minute or two on a machine loaded by parallel builds); the lock waited for ever.
        await Task.WhenAny(second.WaitForExitAsync(TimeSpan.FromMinutes(5)), Task.Delay(TimeSpan.FromMinutes(4)));
        Assert.True(second.HasExited, "the start still waits for the dead process's migration lock:\n" + second.Output);
        Assert.True(second.ExitCode == 0, second.Output);
    }

    /// <summary>Starts the host on the data folder, then checks its index against the store (count and a sample of entries by title).</summary>
    private async Task AssertServedIndexAgreesAsync(string content, Random random)
    {
        var (hub, address) = await HubProcess.ServeAsync(_data, Settings(content));
        using (hub)
        {
            var sessions = await HubWriter.SignInAsync(address);
            await using var db = StoreProbe.Open(_data);
            // Entries without translations: search shows an English reader the English translation of a translated entry.
            var translated = (await db.EntryTranslations.Select(t => t.EntryId).ToListAsync()).ToHashSet();
            var sample = (await db.Entries.AsNoTracking().Canonical().ToListAsync()).Where(e => !translated.Contains(e.Id))
                .OrderBy(_ => random.Next()).Take(5).ToList();
            await StoreProbe.AssertIndexAgreesAsync(sessions.Curator, db, sample);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            TestPaths.DeleteTemporaryFolder(_data);
        }
        catch (IOException)
        {
            // Left for the next run's clean-up of stale test folders.
        }
    }
}
