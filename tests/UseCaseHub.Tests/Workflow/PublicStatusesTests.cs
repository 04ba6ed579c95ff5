using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;
using UseCaseHub.Tests.Search;

namespace UseCaseHub.Tests.Workflow;

/// <summary>
/// One definition of the public statuses (Published and Retired), read alike by the store's visibility rule and the
/// search engine's published filter: a retired entry stays public, a withdrawn one leaves.
/// </summary>
public sealed class PublicStatusesTests : IDisposable
{
    private readonly string _data = TestPaths.NewTemporaryFolder();

    public void Dispose() => TestPaths.DeleteTemporaryFolder(_data);

    [Fact]
    public async Task Retired_entries_stay_public_in_the_store_and_in_search_and_withdrawn_ones_leave()
    {
        await using var host = new SearchHost(_data);
        await host.StartAsync();
        await host.ImportAsync();
        var (kenya, fiji) = (ContentFolder.DeterministicGuid("UC-2026-00001"), ContentFolder.DeterministicGuid("UC-2026-00002"));
        await host.RunAsync<HubDbContext>(async db =>
        {
            (await db.Entries.SingleAsync(e => e.Id == kenya)).Status = EntryStatus.Retired;
            (await db.Entries.SingleAsync(e => e.Id == fiji)).Status = EntryStatus.Withdrawn;
            await db.SaveChangesAsync();
        });
        await host.Indexer.DrainAsync();

        var stored = await host.RunAsync<HubDbContext, List<Guid>>(db => db.UseCases.PublicOnly().Select(e => e.Id).ToListAsync());
        var visible = await host.RunAsync<HubDbContext, List<Guid>>(db => db.UseCases.VisibleTo(SearchAudience.Public).Select(e => e.Id).ToListAsync());
        var found = await host.Engine.MatchingIdsAsync("", SearchAudience.Public, 100);
        var member = await host.Engine.MatchingIdsAsync("", new SearchAudience(false, Guid.NewGuid()), 100);

        Assert.Equal([kenya], stored);
        Assert.Equal([kenya], visible);
        Assert.Contains(kenya, found);
        Assert.DoesNotContain(fiji, found);
        Assert.Contains(kenya, member);
        Assert.DoesNotContain(fiji, member);
        Assert.Equal([EntryStatus.Published, EntryStatus.Retired], SearchAudience.PublicStatuses);
    }
}
