using Microsoft.EntityFrameworkCore;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Cli;
using Xunit.Abstractions;

namespace UseCaseHub.Web.Tests.Operations;

/// <summary>
/// Issue 16 item 3: <c>backup DIR</c> while the site serves and takes writes, then <c>restore DIR</c> into a new, empty data
/// folder; the restored hub has the same entries, versions, accounts, audit log and search results as the original.
/// </summary>
public sealed class BackupTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _original = TestPaths.NewTemporaryFolder();
    private readonly string _restored = TestPaths.NewTemporaryFolder();
    private readonly string _backup = Path.Combine(TestPaths.NewTemporaryFolder(), "backup");

    private static string FixtureContent => Path.Combine(AppContext.BaseDirectory, "Fixtures", "content");

    private static string[] Settings =>
    [
        "--Identity:Demo:Enabled=true", "--Identity:PasswordHashIterations=1000", "--Identity:RateLimits:Enabled=false",
        $"--Hub:ContentPath={FixtureContent}", "--Search:PollSeconds=0.2",
    ];

    [Fact]
    public async Task A_backup_taken_while_the_site_serves_restores_into_an_empty_folder_as_the_same_hub()
    {
        var (hub, address) = await HubProcess.ServeAsync(_original, Settings);
        string originalResults;
        using (hub)
        {
            // Writes of every kind first (entries, edits, moves, versions, audit), then the backup while the site serves.
            var writer = new HubWriter(7);
            var sessions = await HubWriter.SignInAsync(address);
            // Until a workflow move is acknowledged too (a create alone can take a second on a loaded machine), at most 90 s.
            var until = DateTime.UtcNow.AddSeconds(90);
            do
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await writer.RunAsync(sessions, stop.Token);
            }
            while (!writer.Acknowledged.Values.Any(p => p.Status != Core.Catalogue.EntryStatus.Draft) && DateTime.UtcNow < until);

            Assert.Contains(writer.Acknowledged.Values, p => p.Status != Core.Catalogue.EntryStatus.Draft);
            var attachment = Path.Combine(_original, "attachments", "ab", "attachment-bytes");
            Directory.CreateDirectory(Path.GetDirectoryName(attachment)!);
            await File.WriteAllTextAsync(attachment, "attachment bytes");

            var backup = await HubProcess.RunAsync(_original, null, ["backup", _backup, .. Settings]);
            output.WriteLine(backup.Output + backup.Errors);
            Assert.True(backup.ExitCode == 0, backup.Output + backup.Errors);
            Assert.Contains("Backup 1/4: store", backup.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain('\r', backup.Errors);
            originalResults = await SearchIdsAsync(sessions.Curator);
        }

        Assert.True(File.Exists(Path.Combine(_backup, "manifest.json")));
        Assert.True(File.Exists(Path.Combine(_backup, "keys", "signing.pfx")));
        Assert.True(Directory.EnumerateFiles(Path.Combine(_backup, "keys", "data-protection")).Any());
        Assert.True(Directory.EnumerateFiles(Path.Combine(_backup, "export"), "*.md", SearchOption.AllDirectories).Any());
        Assert.Equal("attachment bytes", await File.ReadAllTextAsync(Path.Combine(_backup, "attachments", "ab", "attachment-bytes")));

        var restore = await HubProcess.RunAsync(_restored, null, ["restore", _backup, .. Settings]);
        output.WriteLine(restore.Output + restore.Errors);
        Assert.True(restore.ExitCode == 0, restore.Output + restore.Errors);
        Assert.Contains("Restore 4/4: search index", restore.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', restore.Errors);

        await using (var original = StoreProbe.Open(_original))
        await using (var restored = StoreProbe.Open(_restored))
        {
            Assert.Equal(await EntriesAsync(original), await EntriesAsync(restored));
            Assert.Equal(await VersionsAsync(original), await VersionsAsync(restored));
            Assert.Equal(await AccountsAsync(original), await AccountsAsync(restored));
            Assert.Equal(await AuditAsync(original), await AuditAsync(restored));
        }

        Assert.Equal("attachment bytes", await File.ReadAllTextAsync(Path.Combine(_restored, "attachments", "ab", "attachment-bytes")));
        var (again, restoredAddress) = await HubProcess.ServeAsync(_restored, Settings);
        using (again)
        {
            // The demo accounts' passwords came with the store: the curator signs in to the restored hub as before.
            var sessions = await HubWriter.SignInAsync(restoredAddress);
            Assert.Equal(originalResults, await SearchIdsAsync(sessions.Curator));
        }
    }

    [Fact]
    public async Task Restore_refuses_a_data_folder_that_is_not_empty_and_a_damaged_backup()
    {
        var (hub, _) = await HubProcess.ServeAsync(_original, Settings);
        hub.Dispose();
        var backup = await HubProcess.RunAsync(_original, null, ["backup", _backup, .. Settings]);
        Assert.True(backup.ExitCode == 0, backup.Output + backup.Errors);

        var intoUsed = await HubProcess.RunAsync(_original, null, ["restore", _backup, .. Settings]);
        Assert.Equal(1, intoUsed.ExitCode);
        Assert.Contains("is not empty: restore only into an empty data folder", intoUsed.Errors, StringComparison.Ordinal);

        var again = await HubProcess.RunAsync(_original, null, ["backup", _backup, .. Settings]);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("is not empty", again.Errors, StringComparison.Ordinal);

        var export = Directory.EnumerateFiles(Path.Combine(_backup, "export"), "*.md", SearchOption.AllDirectories).First();
        await File.AppendAllTextAsync(export, "tampered");
        var damaged = await HubProcess.RunAsync(_restored, null, ["restore", _backup, .. Settings]);
        Assert.Equal(1, damaged.ExitCode);
        Assert.Contains("differs from the backup's checksum", damaged.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_restored, "usecasehub.db")));
    }

    private static async Task<List<string>> EntriesAsync(Core.Store.HubDbContext db) =>
        (await db.Entries.AsNoTracking().Select(e => new { e.Id, e.Pid, e.Title, e.Summary, e.Status, e.Version, e.UpdatedAt }).ToListAsync())
        .Select(e => $"{e.Id} {e.Pid} {e.Title} {e.Summary} {e.Status} {e.Version} {e.UpdatedAt:O}").Order(StringComparer.Ordinal).ToList();

    private static async Task<List<string>> VersionsAsync(Core.Store.HubDbContext db) =>
        (await db.EntryVersions.AsNoTracking().Select(v => new { v.Pid, v.Number, v.Outcome, v.Title, v.Snapshot }).ToListAsync())
        .Select(v => $"{v.Pid} {v.Number} {v.Outcome} {v.Title} {v.Snapshot}").Order(StringComparer.Ordinal).ToList();

    private static async Task<List<string>> AccountsAsync(Core.Store.HubDbContext db) =>
        (await db.Users.AsNoTracking().Select(u => new { u.Id, u.Email, u.PasswordHash, u.SecurityStamp }).ToListAsync())
        .Select(u => $"{u.Id} {u.Email} {u.PasswordHash} {u.SecurityStamp}").Order(StringComparer.Ordinal).ToList();

    private static async Task<List<string>> AuditAsync(Core.Store.HubDbContext db) =>
        (await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Id, a.At, a.Action, a.SubjectId, a.ActorName, a.Details }).ToListAsync())
        .Select(a => $"{a.Id} {a.At:O} {a.Action} {a.SubjectId} {a.ActorName} {a.Details}").ToList();

    /// <summary>What a curator's searches answer (ids in order, and totals), for a few queries.</summary>
    private static async Task<string> SearchIdsAsync(HttpClient curator)
    {
        var answers = new List<string>();
        foreach (var query in new[] { "pageSize=50", "q=water&pageSize=50", "q=crash+probe&pageSize=50", "sdg=6&pageSize=50" })
        {
            var result = await StoreProbe.SearchAsync(curator, query);
            answers.Add($"{query}: {(long)result["total"]!} " + string.Join(",", result["hits"]!.AsArray().Select(h => (string)h!["id"]!)));
        }

        return string.Join("\n", answers);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var folder in new[] { _original, _restored, Path.GetDirectoryName(_backup)! })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the next run's clean-up of stale test folders.
            }
        }
    }
}
