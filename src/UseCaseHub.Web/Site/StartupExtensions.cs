using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Site;

public static class StartupExtensions
{
    /// <summary>Brings the store up to date and imports content/, before the host takes requests.</summary>
    public static async Task InitializeHubAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync();
        var hub = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HubOptions>>().Value;
        if (hub.ImportContentOnStart)
        {
            await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync();
        }
    }
}
