using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Cli;

/// <summary>
/// <c>backup DIR</c>: a copy of everything the hub cannot rebuild, taken while the site serves: the store (SQLite's online
/// backup API, a consistent snapshot; <c>pg_dump</c> on PostgreSQL), attachments, keys (token certificates and
/// data-protection keys), the Markdown export for people and other tools, and a manifest with counts and a SHA-256 of
/// every file, written last (a folder without one is an unfinished backup).
/// <c>restore DIR</c>: into an empty data folder only; checks every checksum before copying anything, then brings the
/// store up to date (migrations: a backup from an older version is upgraded) and rebuilds the search index.
/// </summary>
internal sealed class BackupCommand(
    HubPaths paths, IOptions<StoreOptions> store, HubDbContext db, HubKeyStore keys, IServiceProvider services)
{
    public const string ManifestFile = "manifest.json";
    private const string SqliteFile = "usecasehub.db";
    private const string PostgresFile = "usecasehub.pgdump";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public sealed record FileSum(string Path, long Bytes, string Sha256);

    public sealed record Manifest(int Format, DateTimeOffset CreatedAt, string Provider, Dictionary<string, long> Counts, List<FileSum> Files);

    /// <summary>The folders of the data directory a backup copies (relative names in the backup, absolute sources).</summary>
    private IEnumerable<(string Name, string Source)> Folders()
    {
        yield return ("attachments", Path.Combine(paths.Data, "attachments"));
        yield return ("keys", keys.Directory);
        // Data-protection keys configured outside data/keys are copied too.
        if (!IsUnder(keys.DataProtectionDirectory, keys.Directory))
        {
            yield return ("data-protection", keys.DataProtectionDirectory);
        }
    }

    public async Task<int> BackupAsync(string target, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            return Fail($"'{target}' is not empty: back up into a new folder, so that two backups never mix.");
        }

        Directory.CreateDirectory(target);
        var clock = Stopwatch.StartNew();
        ConsoleProgress.Step("Backup 1/4: store");
        if (store.Value.Provider == StoreProvider.Sqlite)
        {
            await BackupSqliteAsync(Path.Combine(target, SqliteFile), cancellationToken);
        }
        else if (await PgDumpAsync(Path.Combine(target, PostgresFile), cancellationToken) is { } failure)
        {
            return Fail(failure);
        }

        ConsoleProgress.Step("Backup 2/4: attachments and keys");
        foreach (var (name, source) in Folders())
        {
            CopyFolder(source, Path.Combine(target, name));
        }

        ConsoleProgress.Step("Backup 3/4: Markdown export");
        var exported = await services.GetRequiredService<ContentExporter>().ExportAsync(Path.Combine(target, "export"), new ConsoleProgress("Exporting"), cancellationToken);
        ConsoleProgress.Finish();

        ConsoleProgress.Step("Backup 4/4: checksums and manifest");
        var manifest = new Manifest(1, DateTimeOffset.UtcNow, store.Value.Provider.ToString(), await CountsAsync(db, cancellationToken), Checksums(target));
        WriteAtomically(Path.Combine(target, ManifestFile), JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
        Console.WriteLine($"Backed up {manifest.Counts["entries"]} entries, {manifest.Counts["accounts"]} accounts, {manifest.Counts["attachments"]} attachments, " +
            $"{exported} exported files ({manifest.Files.Count} files, {manifest.Files.Sum(f => f.Bytes) / 1024} KB) to {target} in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>
    /// Refuses unless the data folder is empty, checks the backup whole before copying, copies, migrates and reindexes.
    /// Called before the store is opened (a verb normally migrates first, which would make the folder non-empty).
    /// </summary>
    public async Task<int> RestoreAsync(string source, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(paths.Data) && Directory.EnumerateFileSystemEntries(paths.Data).Any())
        {
            return Fail($"The data folder '{paths.Data}' is not empty: restore only into an empty data folder (set Hub:DataPath to a new one), " +
                "so that nothing of the current hub is overwritten.");
        }

        var manifestPath = Path.Combine(source, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            return Fail($"'{source}' has no {ManifestFile}: it is not a backup, or the backup did not finish.");
        }

        var manifest = JsonSerializer.Deserialize<Manifest>(await File.ReadAllBytesAsync(manifestPath, cancellationToken), Json)!;
        ConsoleProgress.Step($"Restore 1/4: checking {manifest.Files.Count} files");
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(source, file.Path);
            if (!File.Exists(path) || Sum(path) != file.Sha256)
            {
                return Fail($"'{file.Path}' is missing or differs from the backup's checksum: the backup is damaged; nothing was restored.");
            }
        }

        if (manifest.Provider != store.Value.Provider.ToString())
        {
            return Fail($"The backup is of a {manifest.Provider} store; this hub is configured for {store.Value.Provider} (Store:Provider).");
        }

        ConsoleProgress.Step("Restore 2/4: store, attachments and keys");
        Directory.CreateDirectory(paths.Data);
        if (store.Value.Provider == StoreProvider.Sqlite)
        {
            CopyFile(Path.Combine(source, SqliteFile), SqliteDatabasePath());
        }
        else if (await PgRestoreAsync(Path.Combine(source, PostgresFile), cancellationToken) is { } failure)
        {
            return Fail(failure);
        }

        foreach (var (name, target) in Folders())
        {
            CopyFolder(Path.Combine(source, name), target);
        }

        ConsoleProgress.Step("Restore 3/4: store migrations");
        await services.GetRequiredService<StoreInitializer>().InitializeAsync(cancellationToken);

        ConsoleProgress.Step("Restore 4/4: search index");
        var total = await db.Entries.CountAsync(cancellationToken);
        var console = new ConsoleProgress("Indexing");
        await services.GetRequiredService<SearchIndexer>().RebuildAsync(new Progress<int>(n => console.Report(new ImportProgress(n, total, ""))), cancellationToken);
        ConsoleProgress.Finish();

        var counts = await CountsAsync(db, cancellationToken);
        var differ = counts.Where(c => manifest.Counts.GetValueOrDefault(c.Key) != c.Value).Select(c => $"{c.Key} {c.Value} (backup: {manifest.Counts.GetValueOrDefault(c.Key)})").ToList();
        if (differ.Count > 0)
        {
            return Fail("Restored, but the counts differ from the backup's: " + string.Join(", ", differ));
        }

        Console.WriteLine($"Restored {counts["entries"]} entries, {counts["accounts"]} accounts, {counts["auditEntries"]} audit records and " +
            $"{counts["attachments"]} attachments from the backup of {manifest.CreatedAt:u} into {paths.Data}");
        return 0;
    }

    public static async Task<Dictionary<string, long>> CountsAsync(HubDbContext db, CancellationToken cancellationToken) => new()
    {
        ["entries"] = await db.Entries.LongCountAsync(cancellationToken),
        ["translations"] = await db.EntryTranslations.LongCountAsync(cancellationToken),
        ["versions"] = await db.EntryVersions.LongCountAsync(cancellationToken),
        ["accounts"] = await db.Users.LongCountAsync(cancellationToken),
        ["organizations"] = await db.Organizations.LongCountAsync(cancellationToken),
        ["auditEntries"] = await db.AuditEntries.LongCountAsync(cancellationToken),
        ["attachments"] = await db.Attachments.LongCountAsync(cancellationToken),
        ["pages"] = await db.Pages.LongCountAsync(cancellationToken),
    };

    private string SqliteDatabasePath()
    {
        var configured = store.Value.ConnectionString;
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(paths.Data, SqliteFile)
            : Path.GetFullPath(new SqliteConnectionStringBuilder(configured).DataSource, paths.Data);
    }

    /// <summary>SQLite's online backup: pages copied under a read transaction, so writers carry on and the copy is one moment's state.</summary>
    private async Task BackupSqliteAsync(string target, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            var temporary = target + ".partial";
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString()))
            {
                await copy.OpenAsync(cancellationToken);
                connection.BackupDatabase(copy);
                // One file, no write-ahead log beside it.
                await using var command = copy.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=DELETE;";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            File.Move(temporary, target);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>PostgreSQL: <c>pg_dump</c> in its custom format (restored by <c>pg_restore</c>), the password through the environment.</summary>
    private async Task<string?> PgDumpAsync(string target, CancellationToken cancellationToken) =>
        await RunPostgresToolAsync("pg_dump", ["--format=custom", "--no-owner", $"--file={target}"], cancellationToken);

    private async Task<string?> PgRestoreAsync(string dump, CancellationToken cancellationToken) =>
        await RunPostgresToolAsync("pg_restore", ["--no-owner", "--exit-on-error", dump], cancellationToken);

    private async Task<string?> RunPostgresToolAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var settings = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = store.Value.ConnectionString ?? "" };
        string? Value(params string[] names) => names.Select(n => settings.TryGetValue(n, out var v) ? v?.ToString() : null).FirstOrDefault(v => v is not null);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add($"--host={Value("Host", "Server") ?? "localhost"}");
        start.ArgumentList.Add($"--port={Value("Port") ?? "5432"}");
        start.ArgumentList.Add($"--username={Value("Username", "User ID", "User") ?? Environment.UserName}");
        start.ArgumentList.Add($"--dbname={Value("Database") ?? "usecasehub"}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (Value("Password") is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        try
        {
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0 ? null : $"{tool} failed ({process.ExitCode}): {await errors}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"{tool} was not found: install the PostgreSQL client tools (Debian: postgresql-client).";
        }
    }

    private static List<FileSum> Checksums(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != ManifestFile)
            .Select(f => new FileSum(Path.GetRelativePath(root, f).Replace('\\', '/'), new FileInfo(f).Length, Sum(f)))
            .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();

    private static string Sum(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static void CopyFolder(string source, string target)
    {
        if (!Directory.Exists(source))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            // Files being written (uploads in progress, a key being created) are not part of the hub's state yet.
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p.StartsWith(".incoming", StringComparison.Ordinal)) || file.EndsWith(".tmp", StringComparison.Ordinal))
            {
                continue;
            }

            CopyFile(file, Path.Combine(target, relative));
        }
    }

    /// <summary>Copied beside its target, then moved: an interrupted copy never leaves a half file under the real name.</summary>
    private static void CopyFile(string source, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".partial";
        File.Copy(source, temporary, overwrite: true);
        File.Move(temporary, target, overwrite: false);
    }

    private static void WriteAtomically(string target, byte[] bytes)
    {
        var temporary = target + ".partial";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, target, overwrite: true);
    }

    private static bool IsUnder(string path, string folder) =>
        Path.GetFullPath(path).StartsWith(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
