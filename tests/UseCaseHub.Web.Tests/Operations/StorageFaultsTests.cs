using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UseCaseHub.Web.Operations;

namespace UseCaseHub.Web.Tests.Operations;

/// <summary>Only the machine's faults answer 503: a permission bug or an in-process lock conflict stays a 500 to fix.</summary>
public sealed class StorageFaultsTests
{
    public static TheoryData<Exception, StorageFault> Cases => new()
    {
        { new SqliteException("database or disk is full", 13), StorageFault.DiskFull },
        { new SqliteException("database is locked", 5), StorageFault.Locked },
        { new SqliteException("attempt to write a readonly database", 8), StorageFault.ReadOnly },
        { new SqliteException("disk I/O error", 10), StorageFault.Unavailable },
        { new IOException("No space left on device", 28), StorageFault.DiskFull },
        { new IOException("Read-only file system", 30), StorageFault.ReadOnly },
        { new PostgresException("could not extend file", "ERROR", "ERROR", "53100"), StorageFault.DiskFull },
        { new PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006"), StorageFault.ReadOnly },
        // Wrapped as EF Core and the host wrap them.
        { new DbUpdateException("save failed", new SqliteException("database or disk is full", 13)), StorageFault.DiskFull },
        { new InvalidOperationException("outer", new DbUpdateException("save failed", new PostgresException("m", "ERROR", "ERROR", "25006"))), StorageFault.ReadOnly },
        // Not storage: bugs and conflicts that a 503 would hide.
        { new UnauthorizedAccessException("Access to the path is denied."), StorageFault.None },
        { new DbUpdateException("save failed", new UnauthorizedAccessException("denied")), StorageFault.None },
        { new SqliteException("database table is locked", 6), StorageFault.None },
        { new SqliteException("UNIQUE constraint failed", 19), StorageFault.None },
        { new PostgresException("duplicate key", "ERROR", "ERROR", "23505"), StorageFault.None },
        { new PostgresException("could not serialize access", "ERROR", "ERROR", "40001"), StorageFault.None },
        { new IOException("Permission denied", 13), StorageFault.None },
        { new InvalidOperationException("a bug"), StorageFault.None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_counts_only_the_machines_faults(Exception exception, StorageFault expected) =>
        Assert.Equal(expected, StorageFaults.Classify(exception));

    [Fact]
    public void Classify_of_nothing_is_none() => Assert.Equal(StorageFault.None, StorageFaults.Classify(null));
}
