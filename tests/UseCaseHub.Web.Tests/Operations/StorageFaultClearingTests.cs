using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Testing;
using UseCaseHub.Web.Operations;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Operations;

/// <summary>
/// A storage fault ends only when a write reaches the store: rejected posts (401, 403, 400) during the fault leave it
/// standing, so it is not logged "cleared" and then again after every refused request.
/// </summary>
public sealed class StorageFaultClearingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiTestKit _api = new(factory);

    private static string Draft(string title) => new JsonObject
    {
        ["Title"] = title,
        ["Summary"] = "Written during a storage fault.",
        ["Stage"] = "Pilot",
        ["Sdgs"] = new JsonArray(new JsonObject { ["Number"] = 6 }),
        ["Verticals"] = new JsonArray(new JsonObject { ["Slug"] = "water" }),
    }.ToJsonString();

    [StoreFact]
    public async Task Rejected_posts_leave_the_fault_and_a_saved_write_clears_it()
    {
        var monitor = factory.Services.GetRequiredService<StorageFaultMonitor>();
        var member = Caller.Member(await _api.OrganizationIdAsync("Fixture Utility"));
        monitor.Report(StorageFault.DiskFull, new IOException("No space left on device", 28));

        var rejected = new[]
        {
            await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", null, Draft("Anonymous")),
            await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", new Caller(Core.Access.HubRoles.Member), Draft("No organisation")),
            await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", member, "{\"Title\":\"\"}"),
            await _api.SendAsync(HttpMethod.Post, "/search", null, "{}"),
        };

        Assert.All(rejected, r => Assert.True((int)r.Status is >= 400 and < 500, $"{(int)r.Status}"));
        Assert.Equal(StorageFault.DiskFull, monitor.Current);

        var (status, body, _) = await _api.SendAsync(HttpMethod.Post, "/odata/UseCases", member, Draft("Saved after the fault"));
        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {body?.ToJsonString()}");
        Assert.Equal(StorageFault.None, monitor.Current);
    }
}
