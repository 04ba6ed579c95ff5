using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Attachments;
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
/// <c>restore DIR</c>: into empty targets only (data folder, key folders, attachments, the store); checks the manifest and
/// every checksum before copying anything, copies only the files the manifest lists, then brings the store up to date
/// (migrations: a backup from an older version is upgraded) and rebuilds the search index.
/// </summary>
internal sealed class BackupCommand(
    HubPaths paths, IOptions<StoreOptions> store, IOptions<AttachmentOptions> attachments, HubDbContext db, HubKeyStore keys, IServiceProvider services)
{
    public const string ManifestFile = "manifest.json";
    private const string SqliteFile = "usecasehub.db";
    private const string PostgresFile = "usecasehub.pgdump";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public sealed record FileSum(string Path, long Bytes, string Sha256);

    public sealed record Manifest(int Format, DateTimeOffset CreatedAt, string Provider, Dictionary<string, long> Counts, List<FileSum> Files);

    /// <summary>The folders a backup copies (relative names in the backup, absolute places in this hub's configuration).</summary>
    private IEnumerable<(string Name, string Source)> Folders()
    {
        yield return ("attachments", attachments.Value.FolderUnder(paths.Data));
        yield return ("keys", keys.Directory);
        // Data-protection keys configured outside data/keys are copied too.
        if (!IsUnder(keys.DataProtectionDirectory, keys.Directory))
        {
            yield return ("data-protection", keys.DataProtectionDirectory);
        }
    }

    /// <summary>Where a backup's folder goes back to on restore (by its name in the backup); the export is not restored.</summary>
    private string? RestoreTarget(string name) => name switch
    {
        "attachments" => attachments.Value.FolderUnder(paths.Data),
        "keys" => keys.Directory,
        "data-protection" => keys.DataProtectionDirectory,
        _ => null,
    };

    public async Task<int> BackupAsync(string target, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            return Fail($"'{target}' is not empty: back up into a new folder, so that two backups never mix.");
        }

        // Keys and the store are secrets: the backup folder is the owner's alone.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(target);
        }
        else
        {
            Directory.CreateDirectory(target, OwnerOnly);
            File.SetUnixFileMode(target, OwnerOnly);
        }

        var clock = Stopwatch.StartNew();
        ConsoleProgress.Step("Backup 1/4: store");
        // The manifest's counts are read in the snapshot the copy is taken from: writes go on during a backup.
        Dictionary<string, long> counts;
        if (store.Value.Provider == StoreProvider.Sqlite)
        {
            counts = await BackupSqliteAsync(Path.Combine(target, SqliteFile), cancellationToken);
        }
        else
        {
            var (dumpCounts, failure) = await PgDumpAsync(Path.Combine(target, PostgresFile), cancellationToken);
            if (failure is not null)
            {
                return Fail(failure);
            }

            counts = dumpCounts!;
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
        var manifest = new Manifest(1, DateTimeOffset.UtcNow, store.Value.Provider.ToString(), counts, Checksums(target));
        WriteAtomically(Path.Combine(target, ManifestFile), JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
        Console.WriteLine($"Backed up {manifest.Counts["entries"]} entries, {manifest.Counts["accounts"]} accounts, {manifest.Counts["attachments"]} attachments, " +
            $"{exported} exported files ({manifest.Files.Count} files, {manifest.Files.Sum(f => f.Bytes) / 1024} KB) to {target} in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>
    /// Refuses unless every target is empty, checks the manifest and the backup whole before copying, copies only the files
    /// the manifest lists, migrates and reindexes. Called before the store is opened (a verb normally migrates first, which
    /// would make the folder non-empty).
    /// </summary>
    public async Task<int> RestoreAsync(string source, CancellationToken cancellationToken = default)
    {
        source = Path.GetFullPath(source);
        if (await UsedTargetAsync(cancellationToken) is { } used)
        {
            return Fail($"{used} is not empty: restore only into an empty data folder (set Hub:DataPath to a new one) with empty key, " +
                "data-protection and attachment folders and an empty store, so that nothing of the current hub is overwritten.");
        }

        var manifestPath = Path.Combine(source, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            return Fail($"'{source}' has no {ManifestFile}: it is not a backup, or the backup did not finish.");
        }

        if (await ReadManifestAsync(manifestPath, cancellationToken) is not { } manifest)
        {
            return Fail($"{ManifestFile} in '{source}' cannot be read (not the manifest a backup writes): the backup is damaged; nothing was restored.");
        }

        // The manifest decides what is copied: a path leaving the backup folder would read (and restore) any file.
        var listed = new List<(string Relative, FileSum File)>();
        foreach (var file in manifest.Files)
        {
            if (InsideBackup(source, file.Path) is not { } relative)
            {
                return Fail($"'{file.Path}' in {ManifestFile} points outside the backup folder: the manifest cannot be trusted; nothing was restored.");
            }

            listed.Add((relative, file));
        }

        if (manifest.Provider != store.Value.Provider.ToString())
        {
            return Fail($"The backup is of a {manifest.Provider} store; this hub is configured for {store.Value.Provider} (Store:Provider).");
        }

        var storeFile = store.Value.Provider == StoreProvider.Sqlite ? SqliteFile : PostgresFile;
        if (!listed.Any(f => f.Relative == storeFile))
        {
            return Fail($"{ManifestFile} does not list the store ({storeFile}): the backup is incomplete; nothing was restored.");
        }

        ConsoleProgress.Step($"Restore 1/4: checking {manifest.Files.Count} files");
        foreach (var (relative, file) in listed)
        {
            var path = Path.Combine(source, relative);
            if (!File.Exists(path) || Sum(path) != file.Sha256)
            {
                return Fail($"'{file.Path}' is missing or differs from the backup's checksum: the backup is damaged; nothing was restored.");
            }
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

        // Only listed files: anything planted in the backup folder afterwards stays there.
        foreach (var (relative, _) in listed)
        {
            var parts = relative.Split('/', 2);
            if (parts.Length == 2 && RestoreTarget(parts[0]) is { } folder)
            {
                CopyFile(Path.Combine(source, relative), Path.Combine(folder, parts[1]));
            }
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

    /// <summary>The manifest, or null when the file is not one (damaged, edited, or another program's JSON).</summary>
    private static async Task<Manifest?> ReadManifestAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<Manifest>(await File.ReadAllBytesAsync(path, cancellationToken), Json);
            return manifest is { Counts: not null, Files: not null, Provider: not null } ? manifest : null;
        }
        catch (JsonException)
        {
            return null;
        }
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

    /// <summary>The first restore target that holds something (a folder with entries, the SQLite file, a PostgreSQL database with tables).</summary>
    private async Task<string?> UsedTargetAsync(CancellationToken cancellationToken)
    {
        var folders = new[] { ("The data folder", paths.Data), ("The key folder", keys.Directory), ("The data-protection folder", keys.DataProtectionDirectory),
            ("The attachments folder (Attachments:Path)", attachments.Value.FolderUnder(paths.Data)) };
        foreach (var (what, folder) in folders)
        {
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            {
                return $"{what} '{folder}'";
            }
        }

        if (store.Value.Provider == StoreProvider.Sqlite)
        {
            var database = SqliteDatabasePath();
            return File.Exists(database) ? $"The store '{database}'" : null;
        }

        return await PostgresHasTablesAsync(cancellationToken) ? "The PostgreSQL database (Store:ConnectionString)" : null;
    }

    private async Task<bool> PostgresHasTablesAsync(CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')";
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>A manifest path as a relative path with '/' inside the backup folder, or null if it resolves outside it.</summary>
    private static string? InsideBackup(string source, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var relative = Path.GetRelativePath(source, Path.GetFullPath(Path.Combine(source, path)));
        return relative == "." || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? null
            : relative.Replace('\\', '/');
    }

    private string SqliteDatabasePath()
    {
        var configured = store.Value.ConnectionString;
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(paths.Data, SqliteFile)
            : Path.GetFullPath(new SqliteConnectionStringBuilder(configured).DataSource, paths.Data);
    }

    /// <summary>SQLite's online backup: pages copied under a read transaction, so writers carry on and the copy is one moment's state.</summary>
    /// <summary>
    /// SQLite: the online backup API inside one deferred read transaction, in which the counts are read too (WAL mode:
    /// the copy and the counts see the same snapshot while writers go on).
    /// </summary>
    private async Task<Dictionary<string, long>> BackupSqliteAsync(string target, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var snapshot = connection.BeginTransaction(deferred: true);
            await db.Database.UseTransactionAsync(snapshot, cancellationToken);
            var counts = await CountsAsync(db, cancellationToken);
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

            await db.Database.UseTransactionAsync(null, cancellationToken);
            await snapshot.RollbackAsync(cancellationToken);
            File.Move(temporary, target);
            return counts;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>PostgreSQL: <c>pg_dump</c> in its custom format (restored by <c>pg_restore</c>), the password through the environment.</summary>
    /// <summary>
    /// PostgreSQL: the counts are read in a repeatable-read transaction whose snapshot <c>pg_dump</c> is given
    /// (<c>--snapshot</c>), so the dump and the manifest describe the same moment while writers go on.
    /// </summary>
    private async Task<(Dictionary<string, long>? Counts, string? Failure)> PgDumpAsync(string target, CancellationToken cancellationToken)
    {
        await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var id = await db.Database.SqlQueryRaw<string>("SELECT pg_export_snapshot() AS \"Value\"").SingleAsync(cancellationToken);
        var counts = await CountsAsync(db, cancellationToken);
        var failure = await RunPostgresToolAsync("pg_dump", ["--format=custom", "--no-owner", $"--snapshot={id}", $"--file={target}"], cancellationToken);
        await snapshot.RollbackAsync(cancellationToken);
        return (counts, failure);
    }

    private async Task<string?> PgRestoreAsync(string dump, CancellationToken cancellationToken) =>
        await RunPostgresToolAsync("pg_restore", ["--no-owner", "--exit-on-error", "--single-transaction", dump], cancellationToken);

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

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
