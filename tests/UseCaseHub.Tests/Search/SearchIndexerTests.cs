using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Hosts;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.Search;

/// <summary>The index and the store never stay apart: outbox rows survive a crash, a bad index is rebuilt on start.</summary>
public sealed class SearchIndexerTests : IDisposable
{
    private readonly string _data = TestPaths.NewTemporaryFolder();
    private string IndexPath => Path.Combine(_data, "search-index");

    private static Task<int> StoredAsync(SearchHost host) => host.RunAsync<HubDbContext, int>(db => db.Entries.CountAsync());
    private static Task<int> OutboxAsync(SearchHost host) => host.RunAsync<HubDbContext, int>(db => db.SearchOutbox.CountAsync());

    private static async Task<long> PublicHitsAsync(SearchHost host, string query) =>
        (await host.Engine.SearchAsync(new SearchRequest { Query = query })).Total;

    [Fact]
    public async Task Changes_written_while_no_indexer_runs_reach_the_index_after_a_restart()
    {
        await using (var first = new SearchHost(_data))
        {
            await first.StartAsync();
            Assert.Equal(0, await first.Engine.CountAsync());
            await first.StopIndexerAsync();

            // The "crash": the store commits entries and outbox rows, the process dies before indexing.
            await first.ImportAsync();
            Assert.Equal(0, await first.Engine.CountAsync());
            Assert.Equal(await StoredAsync(first), await first.RunAsync<HubDbContext, int>(db => db.SearchOutbox.Select(i => i.EntryId).Distinct().CountAsync()));
        }

        await using var second = new SearchHost(_data);
        await second.StartAsync();

        Assert.False((await second.Engine.StateAsync()).Recreated);
        Assert.Equal(await StoredAsync(second), await second.Engine.CountAsync());
        Assert.Equal(0, await OutboxAsync(second));
        Assert.True(await PublicHitsAsync(second, "water") > 0);
    }

    [Fact]
    public async Task A_saved_change_is_indexed_by_the_running_indexer_and_its_outbox_row_removed()
    {
        await using var host = new SearchHost(_data);
        await host.StartAsync();
        await host.ImportAsync();
        await host.Indexer.DrainAsync();
        var id = await host.RunAsync<HubDbContext, Guid>(async db =>
        {
            var entry = await db.Entries.Include(e => e.Countries).FirstAsync(e => e.Status == Core.Catalogue.EntryStatus.Published);
            entry.Title = "Zanzibarian quokka observatory";
            await db.SaveChangesAsync();
            return entry.Id;
        });

        Assert.Equal(1, await OutboxAsync(host));
        await host.Indexer.DrainAsync();

        Assert.Equal(0, await OutboxAsync(host));
        Assert.Equal(id, (await host.Engine.SearchAsync(new SearchRequest { Query = "zanzibarian" })).Hits.Single().Id);
    }

    [Fact]
    public async Task A_change_to_tag_links_alone_queues_the_entry()
    {
        await using var host = new SearchHost(_data);
        await host.StartAsync(indexer: false);
        await host.ImportAsync();
        await host.RunAsync<HubDbContext>(db => db.SearchOutbox.ExecuteDeleteAsync());

        var id = await host.RunAsync<HubDbContext, Guid>(async db =>
        {
            var entry = await db.Entries.Include(e => e.Countries).FirstAsync(e => e.Countries.Count > 0);
            entry.Countries.RemoveAt(0);
            await db.SaveChangesAsync();
            return entry.Id;
        });

        Assert.Equal([id], await host.RunAsync<HubDbContext, List<Guid>>(db => db.SearchOutbox.Select(i => i.EntryId).ToListAsync()));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("corrupt")]
    [InlineData("behind")]
    public async Task An_index_that_is_missing_corrupt_or_out_of_line_is_rebuilt_on_start(string damage)
    {
        await using (var first = new SearchHost(_data))
        {
            await first.StartAsync();
            await first.ImportAsync();
            await first.Indexer.DrainAsync();
            Assert.Equal(await StoredAsync(first), await first.Engine.CountAsync());
            if (damage == "behind")
            {
                // A change that bypassed the outbox (a restored backup, a hand edit in SQL).
                await first.RunAsync<HubDbContext>(db => db.Database.ExecuteSqlRawAsync(
                    "DELETE FROM Entries WHERE Id = (SELECT Id FROM Entries ORDER BY Pid LIMIT 1)"));
            }
        }

        if (damage == "missing")
        {
            Directory.Delete(IndexPath, recursive: true);
        }
        else if (damage == "corrupt")
        {
            foreach (var file in Directory.EnumerateFiles(IndexPath))
            {
                await File.WriteAllBytesAsync(file, new byte[64]);
            }
        }

        await using var second = new SearchHost(_data);
        await second.StartAsync();

        Assert.Equal(await StoredAsync(second), await second.Engine.CountAsync());
        Assert.True(await PublicHitsAsync(second, "water") > 0);
    }

    [Fact]
    public async Task A_holder_whose_claim_lapsed_without_a_renewal_neither_counts_as_holder_nor_prunes()
    {
        var clock = new ManualClock();
        await using var host = new SearchHost(_data, clock);
        await host.StartAsync();
        Assert.True(host.Indexer.HoldsLease);

        // The renewal stalls past the lease (a paused process, a slow store) and another host takes the lapsed lease.
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.False(host.Indexer.HoldsLease);
        Assert.True(await host.RunAsync<HubDbContext, bool>(db => DbLease.TryHoldAsync(db, SearchIndexer.LeaseName, "other-host", TimeSpan.FromMinutes(5), clock.GetUtcNow())));

        // This host still follows the outbox into its own index, but leaves the clean-up to the holder.
        await host.ImportAsync();
        var last = await host.RunAsync<HubDbContext, long>(db => db.SearchOutbox.MaxAsync(i => i.Id));
        await host.Indexer.DrainAsync();

        Assert.True(host.Indexer.Position >= last);
        Assert.Equal(await StoredAsync(host), await host.Engine.CountAsync());
        Assert.True(await OutboxAsync(host) > 0, "a host whose claim had lapsed deleted outbox rows");
    }

    [Fact]
    public async Task An_index_that_did_not_follow_for_longer_than_the_clean_up_waits_is_rebuilt_rather_than_missing_rows()
    {
        var clock = new ManualClock();
        await using var host = new SearchHost(_data, clock);
        await host.StartAsync();
        await host.StopIndexerAsync();
        await host.ImportAsync();

        // This index did not follow for longer than IndexStaleMinutes (indexing failed, the process was paused); meanwhile
        // the lease holder, no longer waiting for it, removed the rows it never took.
        clock.Advance(TimeSpan.FromMinutes(61));
        await host.RunAsync<HubDbContext>(db => db.SearchOutbox.ExecuteDeleteAsync());
        await host.Indexer.DrainAsync();

        Assert.Equal(await StoredAsync(host), await host.Engine.CountAsync());
        Assert.True(await PublicHitsAsync(host, "water") > 0);
    }

    public void Dispose() => TestPaths.DeleteTemporaryFolder(_data);
}
