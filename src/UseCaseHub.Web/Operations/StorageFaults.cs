using Microsoft.Data.Sqlite;
using Npgsql;

namespace UseCaseHub.Web.Operations;

/// <summary>What went wrong with the machine rather than with the request: the hub answers 503 while it lasts.</summary>
public enum StorageFault
{
    None,

    /// <summary>No space left (or a file-size limit reached) where the hub writes.</summary>
    DiskFull,

    /// <summary>A folder or the database became read-only (a remount, a permission change).</summary>
    ReadOnly,

    /// <summary>Another process holds the database's write lock longer than the busy timeout (SQLITE_BUSY).</summary>
    Locked,

    /// <summary>The database file or a data folder cannot be opened or read (I/O error).</summary>
    Unavailable,
}

/// <summary>
/// Tells a storage fault from a bug, by the exception chain (EF Core wraps SQLite's or PostgreSQL's error; Lucene and the
/// file system throw <see cref="IOException"/> whose HResult is the errno on Linux, the Win32 code on Windows). Only
/// what is the machine's doing counts: an access-denied (<see cref="UnauthorizedAccessException"/>, EACCES) or SQLite's
/// SQLITE_LOCKED (a conflict inside the process, on a shared cache or an open statement) is a bug to surface as a 500,
/// not a 503 that hides it.
/// </summary>
public static class StorageFaults
{
    private const int SqliteBusy = 5;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;

    // PostgreSQL SQLSTATEs: disk_full, read_only_sql_transaction (a standby, or default_transaction_read_only).
    private const string PostgresDiskFull = "53100";
    private const string PostgresReadOnly = "25006";

    // errno on Linux; HRESULTs of ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL and ERROR_WRITE_PROTECT on Windows.
    private const int NoSpace = 28;
    private const int FileTooLarge = 27;
    private const int QuotaExceeded = 122;
    private const int ReadOnlyFileSystem = 30;
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsWriteProtect = unchecked((int)0x80070013);

    public static StorageFault Classify(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var fault = current switch
            {
                SqliteException sqlite => sqlite.SqliteErrorCode switch
                {
                    SqliteFull => StorageFault.DiskFull,
                    SqliteBusy => StorageFault.Locked,
                    SqliteReadOnly => StorageFault.ReadOnly,
                    SqliteIoError => StorageFault.Unavailable,
                    _ => StorageFault.None,
                },
                PostgresException postgres => postgres.SqlState switch
                {
                    PostgresDiskFull => StorageFault.DiskFull,
                    PostgresReadOnly => StorageFault.ReadOnly,
                    _ => StorageFault.None,
                },
                IOException io => io.HResult switch
                {
                    NoSpace or FileTooLarge or QuotaExceeded or WindowsHandleDiskFull or WindowsDiskFull => StorageFault.DiskFull,
                    ReadOnlyFileSystem or WindowsWriteProtect => StorageFault.ReadOnly,
                    _ => StorageFault.None,
                },
                _ => StorageFault.None,
            };
            if (fault != StorageFault.None)
            {
                return fault;
            }
        }

        return StorageFault.None;
    }

    /// <summary>The sentence an API caller reads (and its key in the resource files, so the reader gets it in their language).</summary>
    public static string Explanation(StorageFault fault) => fault switch
    {
        StorageFault.DiskFull => "The hub's disk is full: changes cannot be saved until space is freed. Reading still works.",
        StorageFault.ReadOnly => "The hub's storage is read-only: changes cannot be saved until it is writable again. Reading still works.",
        StorageFault.Locked => "The hub's database is locked by another process: changes cannot be saved until it is released. Reading still works.",
        _ => "The hub's storage cannot be reached: please try again in a few minutes.",
    };

    public static string Code(StorageFault fault) => fault switch
    {
        StorageFault.DiskFull => "StorageFull",
        StorageFault.ReadOnly => "StorageReadOnly",
        StorageFault.Locked => "StorageLocked",
        _ => "StorageUnavailable",
    };
}
