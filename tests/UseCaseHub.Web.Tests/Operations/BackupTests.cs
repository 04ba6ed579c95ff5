using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Cli;
using Xunit.Abstractions;

namespace UseCaseHub.Web.Tests.Operations;

/// <summary>
/// Issue 16 item 3: <c>backup DIR</c> while the site serves and takes writes, then <c>restore DIR</c> into a new, empty data
/// folder; the restored hub is the snapshot the manifest counted (entries, versions, accounts, audit log), with its search
/// index agreeing, its attachments from the configured folder, and nothing that the manifest does not list.
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
    public async Task A_backup_taken_while_the_site_takes_writes_restores_into_an_empty_folder_as_the_snapshot_it_counted()
    {
        // Attachments in a configured folder outside the data folder on both sides: backup and restore follow Attachments:Path.
        string[] originalSettings = [.. Settings, $"--Attachments:Path={Path.Combine(Path.GetDirectoryName(_backup)!, "original-attachments")}"];
        string[] restoredSettings = [.. Settings, $"--Attachments:Path={Path.Combine(Path.GetDirectoryName(_backup)!, "restored-attachments")}"];
        var (hub, address) = await HubProcess.ServeAsync(_original, originalSettings);
        using (hub)
        {
            // Writes of every kind first (entries, edits, moves, versions, audit), then the backup while the writer goes on.
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
            var attachment = Path.Combine(Path.GetDirectoryName(_backup)!, "original-attachments", "ab", "attachment-bytes");
            Directory.CreateDirectory(Path.GetDirectoryName(attachment)!);
            await File.WriteAllTextAsync(attachment, "attachment bytes");

            // An online snapshot: the writer keeps writing through the whole backup.
            using var stopWriting = new CancellationTokenSource();
            var before = writer.Writes;
            var writing = Task.Run(() => writer.RunAsync(sessions, stopWriting.Token));
            var backup = await HubProcess.RunAsync(_original, null, ["backup", _backup, .. originalSettings]);
            var during = writer.Writes - before;
            await stopWriting.CancelAsync();
            await writing;
            output.WriteLine(backup.Output + backup.Errors);
            Assert.True(backup.ExitCode == 0, backup.Output + backup.Errors);
            Assert.True(during > 0, "no write was acknowledged while the backup ran");
            Assert.Contains("Backup 1/4: store", backup.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain('\r', backup.Errors);
        }

        Assert.True(File.Exists(Path.Combine(_backup, "manifest.json")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_backup));
        }

        Assert.True(File.Exists(Path.Combine(_backup, "keys", "signing.pfx")));
        Assert.True(Directory.EnumerateFiles(Path.Combine(_backup, "keys", "data-protection")).Any());
        Assert.True(Directory.EnumerateFiles(Path.Combine(_backup, "export"), "*.md", SearchOption.AllDirectories).Any());
        Assert.Equal("attachment bytes", await File.ReadAllTextAsync(Path.Combine(_backup, "attachments", "ab", "attachment-bytes")));
        Dictionary<string, long> counted;
        using (var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_backup, "manifest.json"))))
        {
            counted = manifest.RootElement.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        }

        // Files planted in the backup folder after it was taken are not in the manifest: restore leaves them behind.
        await File.WriteAllTextAsync(Path.Combine(_backup, "keys", "planted.pfx"), "planted");
        Directory.CreateDirectory(Path.Combine(_backup, "attachments", "zz"));
        await File.WriteAllTextAsync(Path.Combine(_backup, "attachments", "zz", "planted"), "planted");

        var restore = await HubProcess.RunAsync(_restored, null, ["restore", _backup, .. restoredSettings]);
        output.WriteLine(restore.Output + restore.Errors);
        Assert.True(restore.ExitCode == 0, restore.Output + restore.Errors);
        Assert.Contains("Restore 4/4: search index", restore.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', restore.Errors);
        var restoredAttachments = Path.Combine(Path.GetDirectoryName(_backup)!, "restored-attachments");
        Assert.Equal("attachment bytes", await File.ReadAllTextAsync(Path.Combine(restoredAttachments, "ab", "attachment-bytes")));
        Assert.False(File.Exists(Path.Combine(restoredAttachments, "zz", "planted")));
        Assert.False(File.Exists(Path.Combine(_restored, "keys", "planted.pfx")));
        Assert.False(Directory.Exists(Path.Combine(_restored, "attachments")));

        List<Core.Catalogue.Entry> sample;
        await using (var original = StoreProbe.Open(_original))
        await using (var restored = StoreProbe.Open(_restored))
        {
            // The restored store is the moment the manifest counted, and that moment is a state the original went through:
            // the audit log is a prefix of the original's, every version and entry existed there, no account changed.
            Assert.Equal(counted, await global::UseCaseHub.Web.Cli.BackupCommand.CountsAsync(restored, default));
            var restoredAudit = await AuditAsync(restored);
            var originalAudit = await AuditAsync(original);
            Assert.Equal(restoredAudit, originalAudit.Take(restoredAudit.Count));
            // A submitted version is Pending until the decision is written onto it: the snapshot may hold it still pending.
            var originalVersions = (await VersionsAsync(original)).ToDictionary(v => v.Key, v => v.Outcome);
            Assert.Empty((await VersionsAsync(restored))
                .Where(v => !(originalVersions.TryGetValue(v.Key, out var now) && (now == v.Outcome || v.Outcome == Core.Versions.VersionOutcome.Pending)))
                .Select(v => $"{v.Outcome} {v.Key[..Math.Min(v.Key.Length, 300)]}"));
            Assert.Equal(await AccountsAsync(original), await AccountsAsync(restored));
            var originalEntries = await original.Entries.AsNoTracking().ToDictionaryAsync(e => e.Id);
            sample = await restored.Entries.AsNoTracking().ToListAsync();
            Assert.All(sample, e => Assert.True(originalEntries.TryGetValue(e.Id, out var now) && now.Version >= e.Version, $"{e.Pid} v{e.Version}"));
            sample = [.. sample.Where(e => e.Title.StartsWith("Crash probe", StringComparison.Ordinal)).Take(5)];
            Assert.NotEmpty(sample);
        }

        var (again, restoredAddress) = await HubProcess.ServeAsync(_restored, restoredSettings);
        using (again)
        {
            // The demo accounts' passwords came with the store: the curator signs in to the restored hub, whose index agrees.
            var sessions = await HubWriter.SignInAsync(restoredAddress);
            await using var restored = StoreProbe.Open(_restored);
            await StoreProbe.AssertIndexAgreesAsync(sessions.Curator, restored, sample);
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

        // A manifest path leading out of the backup folder (with a true checksum) is refused before anything is read or copied.
        var manifestPath = Path.Combine(_backup, "manifest.json");
        var outside = Path.Combine(Path.GetDirectoryName(_backup)!, "outside.txt");
        await File.WriteAllTextAsync(outside, "not part of the backup");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        var files = manifest["files"]!.AsArray();
        files.Add(new JsonObject { ["path"] = "../outside.txt", ["bytes"] = 22, ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(outside))) });
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());
        var escaping = await HubProcess.RunAsync(_restored, null, ["restore", _backup, .. Settings]);
        Assert.Equal(1, escaping.ExitCode);
        Assert.Contains("'../outside.txt' in manifest.json points outside the backup folder", escaping.Errors, StringComparison.Ordinal);

        // A manifest that leaves out the store is refused: restore never takes an unlisted store file.
        files.RemoveAt(files.Count - 1);
        files.Remove(files.Single(f => (string)f!["path"]! == "usecasehub.db"));
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());
        var storeless = await HubProcess.RunAsync(_restored, null, ["restore", _backup, .. Settings]);
        Assert.Equal(1, storeless.ExitCode);
        Assert.Contains("does not list the store (usecasehub.db)", storeless.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_restored, "usecasehub.db")));

        // A manifest that is not one (cut short, or JSON of another shape) is a message, not a crash.
        foreach (var unreadable in new[] { "{\"format\": 1, \"files\": [", "null", "{\"format\": 1}" })
        {
            await File.WriteAllTextAsync(manifestPath, unreadable);
            var broken = await HubProcess.RunAsync(_restored, null, ["restore", _backup, .. Settings]);
            Assert.Equal(1, broken.ExitCode);
            Assert.Contains("manifest.json in", broken.Errors, StringComparison.Ordinal);
            Assert.Contains("cannot be read", broken.Errors, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(_restored, "usecasehub.db")));
    }

    private static async Task<List<(string Key, Core.Versions.VersionOutcome Outcome)>> VersionsAsync(Core.Store.HubDbContext db) =>
        [.. (await db.EntryVersions.AsNoTracking().Select(v => new { v.Pid, v.Number, v.Outcome, v.Title, v.Snapshot }).ToListAsync())
            .Select(v => ($"{v.Pid} {v.Number} {v.Title} {v.Snapshot}", v.Outcome))];

    private static async Task<List<string>> AccountsAsync(Core.Store.HubDbContext db) =>
        (await db.Users.AsNoTracking().Select(u => new { u.Id, u.Email, u.PasswordHash, u.SecurityStamp }).ToListAsync())
        .Select(u => $"{u.Id} {u.Email} {u.PasswordHash} {u.SecurityStamp}").Order(StringComparer.Ordinal).ToList();

    private static async Task<List<string>> AuditAsync(Core.Store.HubDbContext db) =>
        (await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Id, a.At, a.Action, a.SubjectId, a.ActorName, a.Details }).ToListAsync())
        .Select(a => $"{a.Id} {a.At:O} {a.Action} {a.SubjectId} {a.ActorName} {a.Details}").ToList();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var folder in new[] { _original, _restored, Path.GetDirectoryName(_backup)! })
        {
            try
            {
                TestPaths.DeleteTemporaryFolder(folder);
            }
            catch (IOException)
            {
                // Left for the next run's clean-up of stale test folders.
            }
        }
    }
}
