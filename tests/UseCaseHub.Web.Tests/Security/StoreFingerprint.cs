using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Search;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Security;

/// <summary>The fingerprint (<see cref="StoreDump"/>) of a running host's store, once its indexer has caught up.</summary>
public static class StoreFingerprint
{
    public static async Task<string> OfAsync(HubFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        // The indexer deletes outbox rows once indexed: let it finish, or its work would look like a change.
        await factory.Services.GetRequiredService<SearchIndexer>().DrainAsync();
        return await StoreDump.FingerprintAsync(Path.Combine(factory.DataPath, "usecasehub.db"));
    }
}
