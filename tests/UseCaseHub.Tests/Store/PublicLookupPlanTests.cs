using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Tests.Store;

/// <summary>
/// A public entry looked up by slug or PID reads one row through its unique index, whatever the store's size: the
/// indexes hold only among non-revisions, so the lookup must say "not a revision" (Canonical) for the store to use them
/// (the soak found every entry page scanning all entries of its kind: 12 s a page at 100,000 entries).
/// </summary>
public sealed class PublicLookupPlanTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData("slug", "IX_Entries_Slug")]
    [InlineData("pid", "IX_Entries_Pid")]
    public async Task A_public_lookup_by_slug_or_pid_searches_its_unique_index(string by, string index)
    {
        var plan = await _store.RunAsync<HubDbContext, string>(async db =>
        {
            // As the site looks an entry up (CatalogueQueries.EntryAsync, PathOfAsync): public, canonical, of its kind.
            var entries = db.Entries.AsNoTracking().PublicOnly().Canonical().Where(e => e is UseCase);
            var query = by == "slug" ? entries.Where(e => e.Slug == "kenya-water") : entries.Where(e => e.Pid == "UC-2026-00001");
            await using var command = db.Database.GetDbConnection().CreateCommand();
            // ToQueryString may add comment lines and a note after a blank line: the statement is the rest.
            var sql = string.Join('\n', query.Select(e => e.Id).ToQueryString().Split("\n\n")[0].Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal)));
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            await db.Database.OpenConnectionAsync();
            await using var reader = await ReadAsync(command);
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(3));
            }

            return string.Join(" | ", lines);
        });

        Assert.Contains($"USING INDEX {index} (", plan, StringComparison.Ordinal);
    }

    private static async Task<System.Data.Common.DbDataReader> ReadAsync(System.Data.Common.DbCommand command)
    {
        try
        {
            return await command.ExecuteReaderAsync();
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw new InvalidOperationException(command.CommandText, e);
        }
    }
}
