using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Cli;
using UseCaseHub.Web.Tests.Identity;
using Xunit.Abstractions;

namespace UseCaseHub.Web.Tests.Operations;

/// <summary>
/// Issue 16 item 2: a full disk (a small tmpfs as the data folder), a read-only index folder (a read-only bind mount) and
/// a locked database (another connection holding SQLite's write lock), each while the host runs as a process. The host
/// answers writes it cannot keep with a 503 (problem on the API, page on the site), logs the cause once, keeps serving
/// reads, and recovers when the fault goes, without a restart.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = TestPaths.NewTemporaryFolder();
    private readonly List<string> _mounts = [];

    private static string FixtureContent => Path.Combine(AppContext.BaseDirectory, "Fixtures", "content");

    private static string[] Settings(params string[] more) =>
    [
        "--Identity:Demo:Enabled=true", "--Identity:PasswordHashIterations=1000", "--Identity:RateLimits:Enabled=false",
        $"--Hub:ContentPath={FixtureContent}", "--Search:PollSeconds=0.5", .. more,
    ];

    [MountFact]
    public async Task A_full_disk_answers_503_logs_once_keeps_reading_and_recovers_when_space_is_freed()
    {
        Mount("-t", "tmpfs", "-o", "size=48m", "tmpfs", _data);
        var (hub, address) = await HubProcess.ServeAsync(_data, Settings());
        using (hub)
        {
            var sessions = await HubWriter.SignInAsync(address);
            Assert.Equal(HttpStatusCode.Created, (await CreateAsync(sessions, "Disk probe before")).Status);
            await TruncateWalAsync();
            var filler = Path.Combine(_data, "filler");
            Fill(filler);

            var refused = new List<(HttpStatusCode Status, JsonNode? Body, string? RetryAfter)>();
            for (var i = 0; i < 3; i++)
            {
                refused.Add(await CreateAsync(sessions, $"Disk probe full {i}"));
            }

            output.WriteLine(string.Join(", ", refused.Select(r => (int)r.Status)));
            Assert.All(refused, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Status));
            Assert.All(refused, r => Assert.Equal("StorageFull", (string?)r.Body?["code"]));
            Assert.All(refused, r => Assert.Equal("30", r.RetryAfter));
            Assert.Contains("disk is full", (string?)refused[0].Body?["detail"], StringComparison.Ordinal);
            await AssertReadsWorkAsync(sessions);
            Assert.Equal(1, Count(hub.Output, "Storage fault: DiskFull"));

            File.Delete(filler);
            Assert.Equal(HttpStatusCode.Created, (await CreateAsync(sessions, "Disk probe after")).Status);
            // The console logger writes from its own queue: the line may follow the answer by a moment.
            await Eventually.Until(() => Count(hub.Output, "Storage fault DiskFull cleared") >= 1, "the cleared line");
            Assert.Equal(1, Count(hub.Output, "Storage fault DiskFull cleared"));
            await EventuallyFoundAsync(sessions, "Disk probe after");
        }
    }

    [MountFact]
    public async Task A_read_only_index_folder_keeps_the_store_and_search_answering_and_the_index_catches_up_when_writable()
    {
        var (hub, address) = await HubProcess.ServeAsync(_data, Settings());
        using (hub)
        {
            var sessions = await HubWriter.SignInAsync(address);
            var index = Path.Combine(_data, "search-index");
            Mount("--bind", index, index);
            Run("mount", "-o", "remount,bind,ro", index);

            for (var i = 0; i < 3; i++)
            {
                var (status, body, _) = await CreateAsync(sessions, $"Index probe {i}");
                Assert.True(status == HttpStatusCode.Created, $"{(int)status} {body}");
            }

            // Each save nudges the indexer, which fails on the read-only folder: this host's index follows the outbox by
            // position (the rows are every host's), so its position stays before the changes and it retries at each poll.
            await Eventually.Until(() => Count(hub.Output, "Search index cannot be written") >= 1, "the indexer to fail on the read-only folder");
            var kept = await OutboxAsync();
            Assert.True(kept >= 3, $"{kept} outbox rows kept");
            await AssertReadsWorkAsync(sessions);
            Assert.Equal(1, Count(hub.Output, "Search index cannot be written"));

            Unmount(index);
            for (var i = 0; i < 3; i++)
            {
                await EventuallyFoundAsync(sessions, $"Index probe {i}");
            }

            Assert.Equal(1, Count(hub.Output, "Search indexing works again"));
        }
    }

    [Fact]
    public async Task A_locked_database_answers_503_on_the_api_and_the_site_logs_once_keeps_reading_and_recovers_when_released()
    {
        var database = Path.Combine(_data, "usecasehub.db");
        var (hub, address) = await HubProcess.ServeAsync(_data, Settings($"--Store:ConnectionString=Data Source={database};Default Timeout=2"));
        using (hub)
        {
            var sessions = await HubWriter.SignInAsync(address);
            await using (var holder = new SqliteConnection($"Data Source={database};Pooling=False"))
            {
                await holder.OpenAsync();
                await using (var begin = holder.CreateCommand())
                {
                    begin.CommandText = "BEGIN EXCLUSIVE;";
                    await begin.ExecuteNonQueryAsync();
                }

                var api = await CreateAsync(sessions, "Lock probe during");
                Assert.True(api.Status == HttpStatusCode.ServiceUnavailable, $"{(int)api.Status} {api.Body}");
                Assert.Equal("StorageLocked", (string?)api.Body?["code"]);
                Assert.Equal(503, (int?)api.Body?["status"]);
                Assert.Equal("30", api.RetryAfter);

                using var site = await sessions.Curator.SubmitAsync("/account/profile",
                    new Dictionary<string, string> { ["DisplayName"] = "Curator renamed while locked" }, "/account/profile?handler=Save");
                var page = await site.Content.ReadAsStringAsync();
                Assert.Equal(HttpStatusCode.ServiceUnavailable, site.StatusCode);
                Assert.Contains("locked by another process", page, StringComparison.Ordinal);
                Assert.Contains("<html", page, StringComparison.Ordinal);

                await AssertReadsWorkAsync(sessions);
                Assert.Equal(1, Count(hub.Output, "Storage fault: Locked"));
            }

            Assert.Equal(HttpStatusCode.Created, (await CreateAsync(sessions, "Lock probe after")).Status);
            // The console logger writes from its own queue: the line may follow the answer by a moment.
            await Eventually.Until(() => Count(hub.Output, "Storage fault Locked cleared") >= 1, "the cleared line");
            Assert.Equal(1, Count(hub.Output, "Storage fault Locked cleared"));
            await EventuallyFoundAsync(sessions, "Lock probe after");
        }
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body, string? RetryAfter)> CreateAsync(HubWriter.Sessions sessions, string title)
    {
        var draft = new JsonObject
        {
            ["Title"] = title,
            ["Summary"] = "Written while the machine misbehaves.",
            ["Stage"] = "Pilot",
            ["Sdgs"] = new JsonArray(new JsonObject { ["Number"] = 6 }),
            ["Verticals"] = new JsonArray(new JsonObject { ["Slug"] = "water" }),
        };
        using var content = new StringContent(draft.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await sessions.Member.PostAsync(new Uri("/odata/UseCases", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text) : null, response.Headers.RetryAfter?.ToString());
    }

    /// <summary>What a reader does keeps working: the home page, search (page and API) and an OData read.</summary>
    private static async Task AssertReadsWorkAsync(HubWriter.Sessions sessions)
    {
        using var anonymous = new HttpClient { BaseAddress = sessions.Member.BaseAddress };
        foreach (var path in new[] { "/", "/search?q=water", "/api/search?q=water", "/odata/UseCases?$top=1" })
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }

    /// <summary>The curator's search finds the entry by its title (the index caught up), within 40 seconds (the indexer's backoff).</summary>
    private static Task EventuallyFoundAsync(HubWriter.Sessions sessions, string title) =>
        Eventually.Until(async () =>
        {
            var found = await StoreProbe.SearchAsync(sessions.Curator, "pageSize=50&q=" + Uri.EscapeDataString("\"" + title + "\""));
            return found["hits"]!.AsArray().Any(h => (string)h!["title"]! == title);
        }, $"search to find '{title}'");

    private async Task<int> OutboxAsync()
    {
        await using var db = StoreProbe.Open(_data);
        return await db.SearchOutbox.CountAsync();
    }

    private static int Count(string text, string phrase) => Regex.Count(text, Regex.Escape(phrase));

    /// <summary>A checkpoint that empties the write-ahead log, so the next write must grow a file on the full disk.</summary>
    private async Task TruncateWalAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "usecasehub.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Writes zeros until the file system says it is full.</summary>
    private static void Fill(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        foreach (var size in new[] { 1 << 20, 4096, 1 })
        {
            var chunk = new byte[size];
            try
            {
                while (true)
                {
                    file.Write(chunk);
                    file.Flush(flushToDisk: true);
                }
            }
            catch (IOException)
            {
                // full for chunks of this size: try smaller ones
            }
        }
    }

    private void Mount(params string[] arguments)
    {
        Run("mount", arguments);
        _mounts.Add(arguments[^1]);
    }

    private void Unmount(string path)
    {
        Run("umount", path);
        _mounts.Remove(path);
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {errors}");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var mount in Enumerable.Reverse(_mounts).ToList())
        {
            try
            {
                Run("umount", "-l", mount);
            }
            catch (Xunit.Sdk.XunitException)
            {
                // Left mounted; the next run's clean-up skips folders it cannot delete.
            }
        }

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

/// <summary>
/// A test that mounts file systems (tmpfs, read-only bind mounts): it runs as root on Linux with <c>mount</c>, and is
/// reported as skipped (not passed) elsewhere.
/// </summary>
public sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess || !(File.Exists("/bin/mount") || File.Exists("/usr/bin/mount")))
        {
            Skip = "Needs root on Linux with mount (tmpfs and bind mounts) to make a full disk and a read-only folder.";
        }
    }
}
