using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Statistics;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;
using UseCaseHub.Web.Insights;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Insights;

/// <summary>
/// The fixture host whose counters are flushed only when a test says so (or at shutdown); callers described by test headers
/// (<see cref="ApiFactory"/>), and the reader's address taken from <c>X-Forwarded-For</c>, so each test reads from its own.
/// </summary>
public class StatisticsHubFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Insights:FlushSeconds", "3600"), new("Insights:CacheSeconds", "0"), new("Identity:TrustForwardedHeaders", "true"), .. MoreSettings];

    protected virtual IEnumerable<KeyValuePair<string, string?>> MoreSettings => [];
}

/// <summary>Keeps its data folder after shutdown (the base class deletes its own), so a test can read what was flushed.</summary>
public sealed class KeptDataHubFactory : StatisticsHubFactory
{
    public string KeptPath { get; } = TestPaths.NewTemporaryFolder();

    protected override IEnumerable<KeyValuePair<string, string?>> MoreSettings => [new("Hub:DataPath", KeptPath)];
}

public sealed class EntryStatisticsTests(StatisticsHubFactory factory) : IClassFixture<StatisticsHubFactory>
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    private static int s_lastReader;

    /// <summary>This test's own reader address (xunit makes one instance per test): one reader counts once per entry and day.</summary>
    private readonly string _reader = NewReader();

    private static string NewReader()
    {
        var n = Interlocked.Increment(ref s_lastReader);
        return $"198.51.{n / 250}.{(n % 250) + 1}";
    }

    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task Views_by_people_are_counted_robots_and_heads_are_not()
    {
        var id = await EntryIdAsync("kenya-water");
        await FlushAsync();
        var before = await StoredViewsAsync(id);
        // Three readers; robots and a HEAD come from a fourth address, so only their kind keeps them out.
        for (var i = 0; i < 3; i++)
        {
            await GetAsync("/use-cases/kenya-water", Browser, NewReader());
        }

        foreach (var robot in new[] { "Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "Wget/1.21", "python-requests/2.32",
                     "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36", "Mozilla/5.0 (compatible; bingbot/2.0)", "" })
        {
            await GetAsync("/use-cases/kenya-water", robot);
        }

        using (var head = new HttpRequestMessage(HttpMethod.Head, "/use-cases/kenya-water"))
        {
            head.Headers.UserAgent.ParseAdd(Browser);
            head.Headers.Add("X-Forwarded-For", _reader);
            using var response = await _client.SendAsync(head);
        }

        await FlushAsync();
        Assert.Equal(before + 3, await StoredViewsAsync(id));
    }

    /// <summary>
    /// The site's entry pages show public entries only, to everyone (CatalogueQueries.Published): a draft's
    /// own member, signed in, gets 404 there, so no draft's page is ever counted. (No site page shows a draft to its
    /// members; the filter's own public check is the second guard and is not reachable from here.)
    /// </summary>
    [Fact]
    public async Task A_draft_is_not_shown_on_the_site_even_to_its_signed_in_member_and_is_not_counted()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var counter = factory.Services.GetRequiredService<EntryCounter>();
        await FlushAsync();
        var draft = await db.Entries.AsNoTracking().FirstAsync(e => e.Status == EntryStatus.Draft && e.OrganizationId != null);
        var member = Caller.Member(draft.OrganizationId!.Value);
        using (var own = new HttpRequestMessage(HttpMethod.Get, $"/odata/Entries?$filter=Pid eq '{draft.Pid}'&$select=Pid"))
        {
            // The caller really is the draft's member: the API shows them the draft.
            member.Apply(own);
            using var listed = await _client.SendAsync(own);
            Assert.Contains(draft.Pid, await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{draft.Kind.UrlSegment()}/{draft.Slug}");
        request.Headers.UserAgent.ParseAdd(Browser);
        request.Headers.Add("X-Forwarded-For", _reader);
        member.Apply(request);
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, counter.PendingRows);
        await GetAsync("/use-cases/kenya-water", Browser);
        Assert.Equal(1, counter.PendingRows);
    }

    [Fact]
    public async Task The_entry_page_says_how_often_it_was_viewed_up_to_yesterday()
    {
        // Other tests here add today's views only; this one adds yesterday's.
        var id = await EntryIdAsync("kenya-water");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            await FlushAsync();
            var stored = await db.EntryDailyStats.Where(s => s.EntryId == id && s.Day >= today.AddDays(-90) && s.Day < today).SumAsync(s => s.Views);
            var yesterday = await db.EntryDailyStats.SingleOrDefaultAsync(s => s.EntryId == id && s.Day == today.AddDays(-1));
            if (yesterday is null)
            {
                db.EntryDailyStats.Add(new EntryDailyStat { EntryId = id, Day = today.AddDays(-1), Views = 7 });
            }
            else
            {
                yesterday.Views += 7;
            }

            await db.SaveChangesAsync();
            var expected = $"Viewed {stored + 7} times in the last 90 days";

            // Today's views, stored or waiting in memory, do not change the text (nor the page's tag) until tomorrow.
            Assert.Contains(expected, await GetAsync("/use-cases/kenya-water", Browser), StringComparison.Ordinal);
            Assert.Contains(expected, await GetAsync("/use-cases/kenya-water", Browser, NewReader()), StringComparison.Ordinal);
            await FlushAsync();
            Assert.Contains(expected, await GetAsync("/use-cases/kenya-water", Browser, NewReader()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_print_page_is_not_a_second_view()
    {
        var counter = factory.Services.GetRequiredService<EntryCounter>();
        await FlushAsync();
        await GetAsync("/use-cases/kenya-water/print", Browser);
        Assert.Equal(0, counter.PendingRows);
        await GetAsync("/use-cases/kenya-water", Browser);
        Assert.Equal(1, counter.PendingRows);
    }

    [Fact]
    public async Task One_reader_counts_once_per_entry_and_day_even_across_flushes()
    {
        var id = await EntryIdAsync("kenya-water");
        Guid otherId;
        string other;
        using (var scope = factory.Services.CreateScope())
        {
            // The last by identifier: the most-viewed test takes the first, and its figures are its own.
            var entry = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Entries.AsNoTracking().OrderByDescending(e => e.Pid)
                .FirstAsync(e => e.Status == EntryStatus.Published && e.RevisionOfId == null && e.Slug != "kenya-water");
            (otherId, other) = (entry.Id, $"/{entry.Kind.UrlSegment()}/{entry.Slug}");
        }

        await FlushAsync();
        var (before, otherBefore) = (await StoredViewsAsync(id), await StoredViewsAsync(otherId));
        for (var i = 0; i < 5; i++)
        {
            await GetAsync("/use-cases/kenya-water", Browser);
        }

        await FlushAsync();
        await GetAsync("/use-cases/kenya-water", Browser);
        await GetAsync("/fr/use-cases/kenya-water", Browser);
        await GetAsync(other, Browser);
        await GetAsync("/use-cases/kenya-water", Browser, NewReader());
        await FlushAsync();

        // The reader once, another reader once; the same reader's view of another entry counts for that entry.
        Assert.Equal(before + 2, await StoredViewsAsync(id));
        Assert.Equal(otherBefore + 1, await StoredViewsAsync(otherId));
    }

    [Fact]
    public async Task Counts_drained_by_a_cancelled_flush_are_written_by_the_next()
    {
        var counter = factory.Services.GetRequiredService<EntryCounter>();
        var id = Guid.NewGuid();
        counter.View(id);
        counter.Download(id);
        try
        {
            await factory.Services.GetServices<IHostedService>().OfType<StatisticsFlusher>().Single().FlushAsync(new CancellationToken(true));
        }
        catch (OperationCanceledException)
        {
            // Before the fix the cancelled flush threw, and the counts it had drained were gone.
        }

        await FlushAsync();
        using var scope = factory.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<HubDbContext>().EntryDailyStats.SingleOrDefaultAsync(s => s.EntryId == id);
        Assert.NotNull(row);
        Assert.Equal((1, 1), (row.Views, row.Downloads));
    }

    [Fact]
    public async Task The_table_stores_no_personal_data()
    {
        await GetAsync("/use-cases/kenya-water", Browser);
        await FlushAsync();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info('EntryDailyStats') ORDER BY cid";
        var columns = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        // Entry, day and two counts: no address, user agent, account, session or time of day.
        Assert.Equal(["EntryId", "Day", "Views", "Downloads"], columns);
        command.CommandText = "SELECT * FROM EntryDailyStats";
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    Assert.DoesNotContain("127.0.0.1", Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Downloads_are_counted_through_the_shared_counter()
    {
        var traffic = factory.Services.GetRequiredService<EntryTraffic>();
        var id = Guid.NewGuid();
        traffic.Download(Request("GET", Browser), id);
        traffic.Download(Request("GET", "curl/8.5.0"), id);
        traffic.Download(Request("HEAD", Browser), id);
        await FlushAsync();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var row = await db.EntryDailyStats.SingleAsync(s => s.EntryId == id);
        Assert.Equal((0, 1), (row.Views, row.Downloads));

        static DefaultHttpContext Request(string method, string agent)
        {
            var context = new DefaultHttpContext();
            context.Request.Method = method;
            context.Request.Headers.UserAgent = agent;
            return context;
        }
    }

    [Fact]
    public async Task Exports_of_an_entry_count_as_downloads_for_people_only()
    {
        var id = await EntryIdAsync("kenya-water");
        await FlushAsync();
        var before = await StoredDownloadsAsync(id);

        await GetAsync("/use-cases/kenya-water/export.json", Browser);
        await GetAsync("/use-cases/kenya-water/export.md", Browser);
        await GetAsync("/use-cases/kenya-water/export.md", "curl/8.5.0");
        await FlushAsync();

        Assert.Equal(before + 2, await StoredDownloadsAsync(id));
    }

    private async Task<long> StoredDownloadsAsync(Guid id)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().EntryDailyStats.Where(s => s.EntryId == id).SumAsync(s => s.Downloads);
    }

    [Fact]
    public async Task Flushes_add_to_the_rows_already_stored()
    {
        var counter = factory.Services.GetRequiredService<EntryCounter>();
        var id = Guid.NewGuid();
        counter.View(id);
        await FlushAsync();
        counter.View(id);
        counter.View(id);
        counter.Download(id);
        await FlushAsync();
        using var scope = factory.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<HubDbContext>().EntryDailyStats.SingleAsync(s => s.EntryId == id);
        Assert.Equal((3, 1), (row.Views, row.Downloads));
    }

    [Fact]
    public async Task Most_viewed_this_quarter_lists_public_entries_only()
    {
        string path;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var draft = await db.Entries.AsNoTracking().FirstAsync(e => e.Status == EntryStatus.Draft);
            // An entry no other test here views, so its rows are this test's alone.
            var published = await db.Entries.AsNoTracking().OrderBy(e => e.Pid)
                .FirstAsync(e => e.Status == EntryStatus.Published && e.RevisionOfId == null && e.Slug != "kenya-water" && !db.EntryTranslations.Any(t => t.EntryId == e.Id));
            path = $"/{published.Kind.UrlSegment()}/{published.Slug}";
            var quarter = EntryStatistics.QuarterStart(DateOnly.FromDateTime(DateTime.UtcNow));
            db.EntryDailyStats.AddRange(
                new EntryDailyStat { EntryId = draft.Id, Day = quarter, Views = 1_000_000 },
                new EntryDailyStat { EntryId = published.Id, Day = quarter, Views = 500_000 },
                // Last quarter's views are not this quarter's.
                new EntryDailyStat { EntryId = published.Id, Day = quarter.AddDays(-1), Views = 9_000_000 });
            await db.SaveChangesAsync();
        }

        using var response = await _client.GetAsync(new Uri("/api/insights/most-viewed", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.InRange(rows.Count, 1, 10);
        Assert.Equal(path, rows[0].GetProperty("cells")[1].GetProperty("link").GetString());
        Assert.Equal(500_000, rows[0].GetProperty("cells")[1].GetProperty("count").GetInt64());
        Assert.DoesNotContain(rows, r => r.GetProperty("cells")[1].GetProperty("count").GetInt64() >= 1_000_000);
        var page = await GetAsync("/insights", Browser);
        Assert.Contains("Most viewed this quarter", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"{path}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_waiting_in_memory_are_written_when_the_host_stops()
    {
        var kept = new KeptDataHubFactory();
        try
        {
            using (var client = kept.CreateClient())
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/use-cases/kenya-water");
                request.Headers.UserAgent.ParseAdd(Browser);
                using var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(1, kept.Services.GetRequiredService<EntryCounter>().PendingRows);
            }

            await kept.DisposeAsync();
            SqliteConnection.ClearAllPools();
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(kept.KeptPath, "usecasehub.db")};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(SUM(Views), 0) FROM EntryDailyStats";
            Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TestPaths.DeleteTemporaryFolder(kept.KeptPath);
        }
    }

    private async Task<Guid> EntryIdAsync(string slug)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().Entries.Where(e => e.Slug == slug).Select(e => e.Id).FirstAsync();
    }

    private async Task<long> StoredViewsAsync(Guid id)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().EntryDailyStats.Where(s => s.EntryId == id).SumAsync(s => s.Views);
    }

    private Task FlushAsync() => factory.Services.GetServices<IHostedService>().OfType<StatisticsFlusher>().Single().FlushAsync(CancellationToken.None);

    private Task<string> GetAsync(string path, string agent) => GetAsync(path, agent, _reader);

    private async Task<string> GetAsync(string path, string agent, string reader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", reader);
        if (agent.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", agent);
        }

        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
