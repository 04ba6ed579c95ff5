using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Attachments;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Hosts;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Identity;

namespace UseCaseHub.Web.Tests.Hosts;

/// <summary>
/// Two web hosts on one store, sharing no folder but the attachments': each has its own data folder and Lucene index,
/// the cookie keys are in the store, the token keys are the same certificate files. What one host issues or writes,
/// the other accepts or finds; one host at a time holds the outbox lease, and a killed holder's lease passes on after
/// it lapses. On one SQLite file always; on PostgreSQL (<see cref="TwoHostsTestsOnPostgres"/>) when USECASEHUB_TEST_POSTGRES names a server.
/// </summary>
public class TwoHostsTests : IDisposable
{
    private const double LeaseSeconds = 2;
    private readonly string _shared = TestPaths.NewTemporaryFolder();

    /// <summary>The store both hosts share: one SQLite file here; one PostgreSQL database in the variant.</summary>
    protected virtual Dictionary<string, string?> SharedStore(string folder) => new()
    {
        ["Store:ConnectionString"] = $"Data Source={Path.Combine(folder, "usecasehub.db")};Default Timeout=30",
    };

    [StoreFact]
    public Task Two_hosts_on_one_store_share_sign_ins_tokens_entries_and_one_lease() => RunAsync(SharedStore(_shared));

    private async Task RunAsync(Dictionary<string, string?> store)
    {
        var settings = new Dictionary<string, string?>(store)
        {
            ["Identity:Keys:Store"] = "Database",
            ["Identity:Keys:SigningCertificatePath"] = TestCertificates.Write(_shared, "signing.pfx", "CN=Hosts test signing", X509KeyUsageFlags.DigitalSignature),
            ["Identity:Keys:EncryptionCertificatePath"] = TestCertificates.Write(_shared, "encryption.pfx", "CN=Hosts test encryption", X509KeyUsageFlags.KeyEncipherment),
            ["Identity:Keys:CertificatePassword"] = TestCertificates.Password,
            ["Attachments:Path"] = Path.Combine(_shared, "attachments"),
            ["Search:PollSeconds"] = "0.2",
            ["Hosts:LeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using var a = new IdentityHubFactory(settings);
        _ = a.Services; // A starts first: it migrates, imports the content and takes the lease.
        using var b = new IdentityHubFactory(new Dictionary<string, string?>(settings) { ["Hub:ImportContentOnStart"] = "false" });
        _ = b.Services;

        await CookieFromAIsAcceptedByBAsync(a, b);
        await TokenFromAIsAcceptedByBAsync(a, b);
        await AttachmentStoredByAIsReadByBAsync(a, b);
        await EntryWrittenThroughAIsFoundThroughBAsync(a, b);
        await OneHolderAndAKilledHoldersLeasePassesOnAsync(a, b);
    }

    private static async Task CookieFromAIsAcceptedByBAsync(IdentityHubFactory a, IdentityHubFactory b)
    {
        using var signIn = await a.Browser().SubmitAsync("/account/login", new Dictionary<string, string>
        {
            ["Email"] = "member@example.org",
            ["Password"] = IdentityHubFactory.DemoPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var setCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("usecasehub=", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/me", UriKind.Relative));
        request.Headers.Add("Cookie", setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)]);
        using var me = await b.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        // The ring is in the store, not in either host's folder.
        Assert.True(await a.WithScopeAsync(s => s.GetRequiredService<HubDbContext>().DataProtectionKeys.AnyAsync()));
        Assert.False(Directory.Exists(Path.Combine(a.DataPath, "keys", "data-protection")));
        Assert.False(Directory.Exists(Path.Combine(b.DataPath, "keys", "data-protection")));
    }

    private static async Task TokenFromAIsAcceptedByBAsync(IdentityHubFactory a, IdentityHubFactory b)
    {
        var token = (await a.CreateClient().ClientCredentialsAsync("demo-client", IdentityHubFactory.DemoSecret, "usecases.read"))
            .GetProperty("access_token").GetString()!;

        await b.CreateClient().MeAsync(token);
    }

    private static async Task AttachmentStoredByAIsReadByBAsync(IdentityHubFactory a, IdentityHubFactory b)
    {
        var key = AttachmentKeys.New();
        using (var bytes = new MemoryStream([1, 2, 3]))
        {
            await a.Services.GetRequiredService<IAttachmentStore>().PutAsync(key, bytes, CancellationToken.None);
        }

        await using var read = await b.Services.GetRequiredService<IAttachmentStore>().OpenAsync(key, CancellationToken.None);
        Assert.NotNull(read);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal([1, 2, 3], copy.ToArray());
    }

    private static async Task EntryWrittenThroughAIsFoundThroughBAsync(IdentityHubFactory a, IdentityHubFactory b)
    {
        var word = "quokka" + Guid.NewGuid().ToString("N")[..6];
        var row = await a.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var entry = await db.Entries.FirstAsync(e => e.Status == EntryStatus.Published && e.Language == "en" && e.RevisionOfId == null);
            entry.Title = $"Reef buoys {word}";
            await db.SaveChangesAsync();
            return await db.SearchOutbox.MaxAsync(i => i.Id);
        });

        // Each host keeps its own index and follows the outbox itself: both find it, and both record having passed the row.
        Assert.Equal(1, await WaitForHitsAsync(b, word));
        Assert.Equal(1, await WaitForHitsAsync(a, word));
        var positions = await Eventually.Until(async () => await a.WithScopeAsync(s => s.GetRequiredService<HubDbContext>().SearchIndexPositions.ToListAsync()),
            p => p.Count == 2 && p.All(x => x.Position >= row), "both hosts to record having passed the row");
        Assert.Equal(2, positions.Count);
        Assert.True(b.Services.GetRequiredService<SearchIndexer>().Position >= row);
    }

    private static async Task OneHolderAndAKilledHoldersLeasePassesOnAsync(IdentityHubFactory a, IdentityHubFactory b)
    {
        var indexerA = a.Services.GetRequiredService<SearchIndexer>();
        var indexerB = b.Services.GetRequiredService<SearchIndexer>();
        Assert.True(indexerA.HoldsLease);
        Assert.False(indexerB.HoldsLease);
        Assert.Equal(indexerA.Holder, await HolderAsync(b));

        // "Kill" A: it stops renewing and does not give the lease back, as a dead process would not.
        await indexerA.StopAsync(release: false);
        var lapses = await b.WithScopeAsync(s => s.GetRequiredService<HubDbContext>().Leases.Where(l => l.Name == SearchIndexer.LeaseName)
            .Select(l => l.ExpiresAt).SingleAsync());
        Assert.Equal(indexerA.Holder, await HolderAsync(b));

        await Eventually.Until(() => indexerB.HoldsLease, "B to take the lapsed lease", TimeSpan.FromSeconds(LeaseSeconds * 5));

        Assert.True(DateTimeOffset.UtcNow >= lapses, "B took the lease before A's claim lapsed");
        Assert.Equal(indexerB.Holder, await HolderAsync(b));
    }

    private static Task<string?> HolderAsync(IdentityHubFactory host) =>
        host.WithScopeAsync(s => DbLease.HolderAsync(s.GetRequiredService<HubDbContext>(), SearchIndexer.LeaseName, DateTimeOffset.UtcNow));

    private static Task<long> WaitForHitsAsync(IdentityHubFactory host, string word) =>
        Eventually.Until(async () =>
        {
            using var response = await host.CreateClient().GetAsync(new Uri($"/api/search?q={word}", UriKind.Relative));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.GetProperty("total").GetInt64();
        }, total => total > 0, $"search to find '{word}'");

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            TestPaths.DeleteTemporaryFolder(_shared);
        }
        catch (IOException)
        {
            // Left for the OS; results do not depend on it.
        }
    }
}

/// <summary>The same two hosts on one PostgreSQL database (a new database on the test server; the first host migrates it).</summary>
public sealed class TwoHostsTestsOnPostgres : TwoHostsTests, IPostgresVariant
{
    private string? _database;

    protected override Dictionary<string, string?> SharedStore(string folder) => new()
    {
        ["Store:Provider"] = "Postgres",
        ["Store:ConnectionString"] = _database = PostgresTestDatabase.Create(),
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_database is not null)
        {
            PostgresTestDatabase.Drop(_database);
        }
    }
}
