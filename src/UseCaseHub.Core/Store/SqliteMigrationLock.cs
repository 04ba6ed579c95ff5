using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace UseCaseHub.Core.Store;

/// <summary>
/// EF Core's migration lock on SQLite is a row in <c>__EFMigrationsLock</c>, not a lock the OS frees when its process
/// dies: a start killed while migrating leaves the row, and every later start waited for it for ever. Before migrating,
/// a row older than <see cref="StaleAfter"/> (ten minutes: longer than a table rebuild of a large store takes) is removed; a younger one
/// may belong to a process migrating right now (an <c>import</c> started beside the site), so it is waited for first.
/// PostgreSQL's lock is a session advisory lock the server frees with the connection, so it needs nothing of this.
/// </summary>
internal static class SqliteMigrationLock
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    public static async Task ClearStaleAsync(DbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            while (await TakenAtAsync(connection, cancellationToken) is { } takenAt)
            {
                var age = DateTimeOffset.UtcNow - takenAt;
                if (age >= StaleAfter)
                {
                    logger.LogWarning("Removing a migration lock taken at {TakenAt:u} by a process that did not finish (killed while migrating)", takenAt);
                    await ExecuteAsync(connection, """DELETE FROM "__EFMigrationsLock";""", cancellationToken);
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>When the lock row was written, or null when there is none (or no lock table yet).</summary>
    private static async Task<DateTimeOffset?> TakenAtAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Timestamp" FROM "__EFMigrationsLock" WHERE EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock') LIMIT 1;""";
        try
        {
            var value = await command.ExecuteScalarAsync(cancellationToken);
            if (value is not string text)
            {
                return null;
            }

            // An unreadable stamp counts as old: it cannot belong to a migration running now.
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;
        }
        catch (SqliteException)
        {
            return null; // no lock table: nothing ever migrated here
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
