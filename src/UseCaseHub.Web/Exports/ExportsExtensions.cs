namespace UseCaseHub.Web.Exports;

/// <summary>
/// Exports a person can click (issue 15 item 1): an entry as JSON and Markdown (the print page is a Razor page beside
/// the entry page), and a search's results as CSV and JSON.
/// </summary>
public static class ExportsExtensions
{
    public static IServiceCollection AddHubExports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExportOptions>().Bind(configuration.GetSection(ExportOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ExportTurns>();
        return services;
    }

    public static WebApplication MapHubExports(this WebApplication app)
    {
        app.MapEntryExports();
        app.MapSearchExports();
        return app;
    }
}
