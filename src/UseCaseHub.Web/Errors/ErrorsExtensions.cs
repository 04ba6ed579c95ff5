using UseCaseHub.Core.Search;

namespace UseCaseHub.Web.Errors;

public static class ErrorsExtensions
{
    /// <summary>API paths answer errors as RFC 7807 problem details; the site shows friendly pages.</summary>
    public static bool IsApiPath(this PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/odata", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddHubErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemText.Localize);
        // A search engine that cannot answer (Elasticsearch down) is 503 "unavailable", not a 500 bug.
        services.Configure<ExceptionHandlerOptions>(o => o.StatusCodeSelector = StatusOf);
        return services;
    }

    public static WebApplication UseHubErrors(this WebApplication app)
    {
        // With problem details registered, the handlers without a path write RFC 7807 bodies.
        app.UseWhen(c => c.Request.Path.IsApiPath(), api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.IsApiPath(), site => site
            .UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error",
                StatusCodeSelector = StatusOf,
                // A storage fault is logged once by its monitor, not once per request.
                SuppressDiagnosticsCallback = c => Operations.StorageFaults.Classify(c.Exception) != Operations.StorageFault.None,
            })
            .UseStatusCodePagesWithReExecute("/status/{0}"));
        return app;
    }

    /// <summary>Search down or a storage fault (full disk, read-only folder, locked database): 503, try again later.</summary>
    private static int StatusOf(Exception exception) =>
        exception is SearchUnavailableException || Operations.StorageFaults.Classify(exception) != Operations.StorageFault.None
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status500InternalServerError;
}
