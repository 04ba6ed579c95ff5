using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Core.Store;

/// <summary>Brings the store up to date on start: schema migrations, then taxonomies.</summary>
public sealed class StoreInitializer(HubDbContext db, HubPaths paths, TaxonomySeeder seeder, ILogger<StoreInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(paths.Data);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        // Only when there is something to apply: migrating takes EF Core's migration lock, which on SQLite is a row a
        // killed process leaves behind (see SqliteMigrationLock); an ordinary start then never touches it.
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} store migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            if (db.Database.IsSqlite())
            {
                await SqliteMigrationLock.ClearStaleAsync(db, logger, cancellationToken);
            }

            await db.Database.MigrateAsync(cancellationToken);
        }
        if (db.Database.IsSqlite())
        {
            // Readers never wait for the writer; the setting lives in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await seeder.SeedAsync(cancellationToken);
    }

    /// <summary>True when the store answers a trivial query.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                && await db.SdgGoals.AnyAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(exception, "Store unreachable");
            return false;
        }
    }
}
