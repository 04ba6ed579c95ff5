using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Operations;

/// <summary>The host with a metrics token, so a test can be an operator or a stranger.</summary>
public sealed class OperatorHubFactory : HubFactory
{
    public const string Token = "operator-token-0123456789abcdef0123456789";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Telemetry:Metrics:Token", Token), new("Health:MaxOutboxLagSeconds", "60")];
}

/// <summary><c>/health/live</c>, <c>/health/ready</c> and <c>/health</c>: what each checks, who sees the details, and recovery.</summary>
public sealed class HealthTests(OperatorHubFactory hub) : IClassFixture<OperatorHubFactory>
{
    private readonly HttpClient _client = hub.CreateClient();

    [Fact]
    public async Task Live_answers_while_the_process_runs()
    {
        using var response = await _client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_reports_each_check_and_keeps_the_findings_for_operators()
    {
        var (status, stranger) = await ReadyAsync(token: null);
        var (_, operator_) = await ReadyAsync(OperatorHubFactory.Token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", stranger.GetProperty("status").GetString());
        var checks = stranger.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(["disk", "outbox", "search", "store"], checks.Select(c => c.GetProperty("name").GetString()).Order());
        Assert.All(checks, c => Assert.False(c.TryGetProperty("description", out _)));
        var found = operator_.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("description").GetString());
        Assert.Contains("MB free", found["disk"], StringComparison.Ordinal);
        Assert.Matches(@"^\d+ changes waiting for the index", found["outbox"]);
        Assert.Contains("documents", found["search"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lagging_outbox_makes_the_host_unready_until_the_index_catches_up()
    {
        // The indexer stopped (as when indexing keeps failing), then a change queued two minutes ago: it waits for this host's index.
        var indexer = hub.Services.GetRequiredService<SearchIndexer>();
        await indexer.StopAsync(release: true);
        long id;
        try
        {
            id = await QueueAsync(DateTimeOffset.UtcNow.AddMinutes(-2));
            var (status, body) = await ReadyAsync(OperatorHubFactory.Token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            var outbox = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "outbox");
            Assert.Equal("Unhealthy", outbox.GetProperty("status").GetString());
            Assert.Contains("limit 60 s", outbox.GetProperty("description").GetString(), StringComparison.Ordinal);
            using var plain = await _client.GetAsync(new Uri("/health", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, plain.StatusCode);
            using var live = await _client.GetAsync(new Uri("/health/live", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            await indexer.StartAsync(CancellationToken.None);
        }

        // The indexer running again takes the change: the host is ready without anyone removing the row.
        await Eventually.Until(() => indexer.Position >= id, "the indexer to pass the queued change");
        var (recovered, _) = await ReadyAsync(token: null);
        Assert.Equal(HttpStatusCode.OK, recovered);
    }

    [Fact]
    public async Task Rows_this_host_has_passed_do_not_make_it_unready_while_another_host_still_needs_them()
    {
        // Another host's index seen lately and behind (stopped, say): the clean-up keeps every row for it.
        var other = new SearchIndexPosition { Index = "stopped-host:/data/search-index", Position = 0, SeenAt = DateTimeOffset.UtcNow };
        await using (var scope = hub.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            db.SearchIndexPositions.Add(other);
            await db.SaveChangesAsync();
        }

        var id = 0L;
        try
        {
            id = await QueueAsync(DateTimeOffset.UtcNow.AddMinutes(-2));
            var indexer = hub.Services.GetRequiredService<SearchIndexer>();
            await Eventually.Until(() => indexer.Position >= id, "this host's indexer to pass the change");

            var (status, body) = await ReadyAsync(OperatorHubFactory.Token);

            Assert.True(await WithDbAsync(db => db.SearchOutbox.AnyAsync(i => i.Id == id)), "the row another host needs was removed");
            var outbox = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "outbox");
            Assert.Equal("Healthy", outbox.GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            await WithDbAsync(async db =>
            {
                await db.SearchIndexPositions.Where(p => p.Index == other.Index).ExecuteDeleteAsync();
                return await db.SearchOutbox.Where(i => i.Id == id).ExecuteDeleteAsync();
            });
        }
    }

    /// <summary>An outbox row for an entry that does not exist (the indexer removes it from the index: harmless).</summary>
    private Task<long> QueueAsync(DateTimeOffset enqueuedAt) => WithDbAsync(async db =>
    {
        var item = new SearchOutboxItem { EntryId = Guid.NewGuid(), EnqueuedAt = enqueuedAt, NextAttemptAt = enqueuedAt };
        db.SearchOutbox.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    });

    private async Task<T> WithDbAsync<T>(Func<HubDbContext, Task<T>> work)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await _client.SendAsync(request);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }
}

/// <summary>A disk with less room than the configured minimum makes the host unready (the minimum is set above any real disk).</summary>
public sealed class DiskHealthTests
{
    private sealed class ShortDiskHubFactory : HubFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Health:MinFreeDiskMegabytes", "1048576")];
    }

    [Fact]
    public async Task Too_little_free_space_makes_the_host_unready_but_alive()
    {
        using var hub = new ShortDiskHubFactory();
        using var client = hub.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var disk = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "disk");
        Assert.Equal("Unhealthy", disk.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
