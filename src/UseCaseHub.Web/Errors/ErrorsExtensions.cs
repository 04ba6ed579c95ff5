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
                // A storage fault is logged once by its monitor, not once per request.
                SuppressDiagnosticsCallback = c => Operations.StorageFaults.Classify(c.Exception) != Operations.StorageFault.None,
            })
            .UseStatusCodePagesWithReExecute("/status/{0}"));
        return app;
    }
}
