using System.Net;
using Microsoft.Data.Sqlite;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Security;

/// <summary>The hostile suites' "store unchanged" checks can fail: the watch sees a commit, the fingerprint a write through the API and one changed character.</summary>
public sealed class StoreFingerprintTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiTestKit _api = new(factory);

    [Fact]
    public async Task Reading_leaves_the_fingerprint_alone_and_any_write_changes_it()
    {
        var before = await StoreFingerprint.OfAsync(factory);
        await using var watch = await StoreWatch.OpenAsync(Path.Combine(factory.DataPath, "usecasehub.db"));
        await _api.GetAsync("/odata/UseCases?$select=Pid");
        Assert.False(await watch.CommittedSinceLastLookAsync());
        Assert.Equal(before, await StoreFingerprint.OfAsync(factory));

        var member = Caller.Member(await _api.OrganizationIdAsync("Fixture Utility"));
        var (status, _, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", member, """{"Title":"Fingerprint check","Summary":"A draft.","Sdgs":[{"Number":6}],"Countries":[{"Iso2":"KE"}]}""");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.True(await watch.CommittedSinceLastLookAsync());
        var afterWrite = await StoreFingerprint.OfAsync(factory);
        Assert.NotEqual(before, afterWrite);

        // One character of one body, written behind the host's back.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataPath, "usecasehub.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE Entries SET Body = Body || '.' WHERE Id = (SELECT Id FROM Entries ORDER BY Id LIMIT 1)";
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        Assert.NotEqual(afterWrite, await StoreFingerprint.OfAsync(factory));
    }
}
