using Microsoft.Extensions.Diagnostics.HealthChecks;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Health;

public static class HealthExtensions
{
    public static IServiceCollection AddHubHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        return services;
    }

    /// <summary><c>/health</c>: 200 when the store answers, 503 when it does not.</summary>
    public static WebApplication MapHubHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        return app;
    }
}

internal sealed class StoreHealthCheck(StoreInitializer store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.IsReachableAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The store answers.")
            : HealthCheckResult.Unhealthy("The store does not answer.");
}
