using Microsoft.EntityFrameworkCore;
using Npgsql;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Testing;

/// <summary>
/// PostgreSQL for the store and web tests. <c>USECASEHUB_TEST_POSTGRES</c> is an Npgsql connection string to a
/// server-level database the tests may CREATE DATABASE from (tests/run.sh and tests/postgres.sh set it). Each
/// fixture gets its own database with a random name and drops it after; the databases are copied from one template
/// migrated once per test process, so a fixture pays for a file copy, not for 42 tables of migrations.
/// </summary>
internal static class PostgresTestDatabase
{
    public const string Variable = "USECASEHUB_TEST_POSTGRES";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _template;

    /// <summary>The server connection string, or null when the PostgreSQL variants are to be skipped.</summary>
    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static string SkipReason =>
        $"PostgreSQL variant: skipped because {Variable} is not set (tests/run.sh sets it; locally: eval \"$(tests/postgres.sh start)\").";

    /// <summary>A new, migrated, empty database; its connection string.</summary>
    public static async Task<string> CreateAsync()
    {
        var server = Server ?? throw new InvalidOperationException(SkipReason);
        // One CREATE DATABASE ... TEMPLATE at a time: PostgreSQL refuses to copy a template another session is copying.
        await Gate.WaitAsync();
        try
        {
            _template ??= await CreateTemplateAsync(server);
            var name = "hub_test_" + Guid.NewGuid().ToString("N");
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{_template}\"");
            return Database(server, name);
        }
        finally
        {
            Gate.Release();
        }
    }

    public static string Create() => CreateAsync().GetAwaiter().GetResult();

    /// <summary>Drops a database made by <see cref="CreateAsync"/>, closing what the fixture's pool still holds.</summary>
    public static async Task DropAsync(string connectionString)
    {
        var server = Server ?? throw new InvalidOperationException(SkipReason);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static void Drop(string connectionString) => DropAsync(connectionString).GetAwaiter().GetResult();

    /// <summary>Settings that put a host or the core services on a new database (Store:Provider, Store:ConnectionString).</summary>
    public static Dictionary<string, string?> Settings(string connectionString) => new()
    {
        ["Store:Provider"] = nameof(StoreProvider.Postgres),
        ["Store:ConnectionString"] = connectionString,
    };

    private static async Task<string> CreateTemplateAsync(string server)
    {
        var name = "hub_template_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        var connectionString = Database(server, name);
        var options = new DbContextOptionsBuilder<HubDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(StoreServiceCollectionExtensions.PostgresMigrationsAssembly))
            .Options;
        await using (var db = new HubDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        // A template must have no open sessions to be copied.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
            }
            catch (NpgsqlException)
            {
                // The throwaway cluster goes anyway; a left template only costs disk until then.
            }
        };
        return name;
    }

    private static string Database(string server, string name) =>
        new NpgsqlConnectionStringBuilder(server) { Database = name, IncludeErrorDetail = true }.ToString();

    private static async Task ExecuteAsync(string server, string sql)
    {
        // Not pooled: the server-level connection must not linger where a template or a dropped database is concerned.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
