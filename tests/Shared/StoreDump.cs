using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace UseCaseHub.Testing;

/// <summary>
/// Every row of every table of a SQLite store, hashed: equal fingerprints mean no row was added, removed or
/// changed (read through SQLite, so writes still in the WAL count). Rows are sorted, so the order SQLite
/// returns them in plays no part. The web tests' StoreFingerprintTests show it sees one changed character.
/// </summary>
internal static class StoreDump
{
    /// <summary>
    /// Tables the host's background work writes whatever the requests do (lease renewals, each host's index position,
    /// page-view counts flushed every few seconds): not content, so not part of "did this request change the store".
    /// </summary>
    private static readonly HashSet<string> Bookkeeping = ["HubLeases", "SearchIndexPositions", "EntryDailyStats"];

    public static async Task<string> FingerprintAsync(string databaseFile)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = databaseFile,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();

        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in tables.Where(t => !Bookkeeping.Contains(t)))
        {
            var rows = new List<string>();
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(Cell(reader.GetValue(i))).Append('\u001F');
                }

                rows.Add(row.ToString());
            }

            rows.Sort(StringComparer.Ordinal);
            hash.AppendData(Encoding.UTF8.GetBytes($"{table}\u001E{rows.Count}\u001E{string.Join('\u001E', rows)}\u001D"));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    // Typed, so that the text '1' and the number 1 differ.
    private static string Cell(object value) => value switch
    {
        DBNull => "null",
        byte[] blob => "blob:" + Convert.ToBase64String(blob),
        string text => "text:" + text,
        double real => "real:" + real.ToString("R", CultureInfo.InvariantCulture),
        _ => value.GetType().Name + ":" + Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Tells whether anything committed to a store since the last look, for the cost of one pragma: SQLite changes
/// <c>PRAGMA data_version</c> on this connection whenever another connection commits. Only then is the whole store
/// worth fingerprinting with <see cref="StoreDump"/> (a commit may still leave every row as it was).
/// </summary>
internal sealed class StoreWatch : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private long _version;

    private StoreWatch(SqliteConnection connection) => _connection = connection;

    public static async Task<StoreWatch> OpenAsync(string databaseFile)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databaseFile,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        var watch = new StoreWatch(connection);
        await watch.CommittedSinceLastLookAsync();
        return watch;
    }

    /// <summary>True when another connection committed since the previous call.</summary>
    public async Task<bool> CommittedSinceLastLookAsync()
    {
        await using var pragma = _connection.CreateCommand();
        pragma.CommandText = "PRAGMA data_version";
        var version = (long)(await pragma.ExecuteScalarAsync())!;
        var changed = version != _version;
        _version = version;
        return changed;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
