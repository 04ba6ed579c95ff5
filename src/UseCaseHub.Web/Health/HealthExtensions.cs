using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using UseCaseHub.Web.Telemetry;

namespace UseCaseHub.Web.Health;

public static class HealthExtensions
{
    private const string Ready = "ready";

    public static IServiceCollection AddHubHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [Ready])
            .AddCheck<SearchHealthCheck>("search", tags: [Ready])
            .AddCheck<OutboxHealthCheck>("outbox", tags: [Ready])
            .AddCheck<DiskHealthCheck>("disk", tags: [Ready]);
        return services;
    }

    /// <summary>
    /// <c>/health/live</c>: the process answers (restart it when not). <c>/health/ready</c>: store, search engine, outbox
    /// lag and disk space, as JSON (send traffic only when 200). <c>/health</c>: the same checks as plain text, for
    /// simple probes.
    /// </summary>
    public static WebApplication MapHubHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = WriteReadinessAsync,
        });
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }

    /// <summary>Every check's status for anyone; what it found (free space, lag, document count) only for operators.</summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        var operator_ = context.RequestServices.GetRequiredService<MetricsAccess>().Allows(context);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = operator_ ? e.Value.Description : null,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonOptions, context.RequestAborted);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
