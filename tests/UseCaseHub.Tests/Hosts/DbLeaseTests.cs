using UseCaseHub.Core.Hosts;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.Hosts;

/// <summary>One holder at a time, renewal, lapse of a dead holder's claim, and release on a clean stop (real SQLite, times given, no sleeping).</summary>
public sealed class DbLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private Task<bool> HoldAsync(string holder, DateTimeOffset now) =>
        _store.RunAsync<HubDbContext, bool>(db => DbLease.TryHoldAsync(db, "job", holder, Duration, now));

    private Task<string?> HolderAsync(DateTimeOffset now) => _store.RunAsync<HubDbContext, string?>(db => DbLease.HolderAsync(db, "job", now));

    [Fact]
    public async Task Only_one_holder_at_a_time_and_the_holder_renews()
    {
        Assert.True(await HoldAsync("a", T0));
        Assert.False(await HoldAsync("b", T0.AddSeconds(1)));
        Assert.True(await HoldAsync("a", T0.AddSeconds(10)));
        // Renewed at 10 s: still a's at 35 s, when the first claim alone would have lapsed.
        Assert.False(await HoldAsync("b", T0.AddSeconds(35)));
        Assert.Equal("a", await HolderAsync(T0.AddSeconds(35)));
    }

    [Fact]
    public async Task A_dead_holders_claim_lapses_and_another_host_takes_it_only_then()
    {
        Assert.True(await HoldAsync("a", T0));

        Assert.False(await HoldAsync("b", T0 + Duration - TimeSpan.FromSeconds(1)));
        Assert.True(await HoldAsync("b", T0 + Duration + TimeSpan.FromSeconds(1)));
        Assert.Equal("b", await HolderAsync(T0 + Duration + TimeSpan.FromSeconds(2)));
        // The old holder coming back does not get it while b renews.
        Assert.False(await HoldAsync("a", T0 + Duration + TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task A_released_lease_is_free_at_once_and_only_its_holder_can_release_it()
    {
        Assert.True(await HoldAsync("a", T0));
        Assert.Equal(0, await _store.RunAsync<HubDbContext, int>(db => DbLease.ReleaseAsync(db, "job", "b", T0.AddSeconds(1))));
        Assert.False(await HoldAsync("b", T0.AddSeconds(2)));

        Assert.Equal(1, await _store.RunAsync<HubDbContext, int>(db => DbLease.ReleaseAsync(db, "job", "a", T0.AddSeconds(3))));

        Assert.Null(await HolderAsync(T0.AddSeconds(3)));
        Assert.True(await HoldAsync("b", T0.AddSeconds(4)));
    }

    [Fact]
    public async Task Two_hosts_racing_for_a_new_lease_get_one_holder()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => HoldAsync($"h{i}", T0)));

        Assert.Single(results, r => r);
        Assert.StartsWith("h", await HolderAsync(T0), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_holds_only_until_a_lease_after_its_last_renewal_began()
    {
        var clock = new ManualClock();
        var a = new LeaseClaim("job", "a", Duration, clock);
        Assert.False(a.Held);
        Assert.True(await _store.RunAsync<HubDbContext, bool>(db => a.RenewAsync(db)));
        Assert.True(a.Held);

        // No renewal for a whole lease (it stalled): the claim has run out, whatever the last answer was.
        clock.Advance(Duration);
        Assert.False(a.Held);
        Assert.True(await HoldAsync("b", clock.GetUtcNow()));
        Assert.False(await _store.RunAsync<HubDbContext, bool>(db => a.RenewAsync(db)));
        Assert.False(a.Held);

        Assert.Equal(1, await _store.RunAsync<HubDbContext, int>(db => DbLease.ReleaseAsync(db, "job", "b", clock.GetUtcNow())));
        Assert.True(await _store.RunAsync<HubDbContext, bool>(db => a.RenewAsync(db)));
        Assert.True(a.Held);
        await _store.RunAsync<HubDbContext, int>(db => a.ReleaseAsync(db));
        Assert.False(a.Held);
        Assert.Null(await HolderAsync(clock.GetUtcNow()));
    }
}
