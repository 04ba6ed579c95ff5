using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Tests.Store;

/// <summary>
/// The stale migration lock's clean-up removes only a lock no migration can still hold: a long table rebuild takes
/// minutes on a large store, and removing its live lock would let a second process migrate beside it.
/// </summary>
public sealed class SqliteMigrationLockTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData(-2, true)] // a migration running for two minutes: waited for
    [InlineData(-60 * 24, false)] // a day old: left by a killed start, removed
    public async Task A_lock_younger_than_any_migration_is_waited_for_and_an_old_one_removed(int minutes, bool kept)
    {
        var takenAt = DateTimeOffset.UtcNow.AddMinutes(minutes).ToString("yyyy-MM-dd HH:mm:ss+00:00", System.Globalization.CultureInfo.InvariantCulture);
        await _store.RunAsync<HubDbContext>(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("""CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);""");
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, {takenAt});""");
        });

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var clearing = _store.RunAsync<HubDbContext>(db => SqliteMigrationLock.ClearStaleAsync(db, NullLogger.Instance, patience.Token));

        if (kept)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clearing);
        }
        else
        {
            await clearing;
        }

        var left = await _store.RunAsync<HubDbContext, int>(db => db.Database.SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM "__EFMigrationsLock" """).SingleAsync());
        Assert.Equal(kept ? 1 : 0, left);
    }
}
