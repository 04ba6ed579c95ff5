using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Telemetry;

namespace UseCaseHub.Web.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// Logs (JSON console on request), OpenTelemetry metrics (ASP.NET Core, Kestrel, EF Core, runtime, search timings,
    /// queue sizes) served to Prometheus and to an OTLP collector when one is set, and traces when a collector is set.
    /// Call after <c>AddHubSearch</c>: it wraps the chosen search engine to time it.
    /// </summary>
    public static IServiceCollection AddHubTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        var settings = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MetricsAccess>();
        services.AddHostedService<QueueGauges>();
        MeasureSearchEngine(services);

        if (settings.JsonLogs)
        {
            services.AddLogging(logging => logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true; // the request id, trace id and path of every line written during a request
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            }));
        }

        var otlp = settings.OtlpEndpoint ?? FromEnvironment();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("usecasehub", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter(HubTelemetry.Name, "Microsoft.EntityFrameworkCore", "System.Runtime");
                if (settings.Metrics.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(HubTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = otlp));
        }

        return services;
    }

    /// <summary>The Prometheus scrape endpoint, answered only to <see cref="MetricsAccess"/>'s callers (403 problem otherwise).</summary>
    public static WebApplication MapHubTelemetry(this WebApplication app)
    {
        var settings = app.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!settings.Metrics.Enabled)
        {
            return app;
        }

        var path = new PathString(settings.Metrics.Path);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)
                && !context.RequestServices.GetRequiredService<MetricsAccess>().Allows(context))
            {
                await Results.Problem(
                        statusCode: StatusCodes.Status403Forbidden,
                        title: "Metrics are served only to the configured addresses or with the metrics token.",
                        type: "https://tools.ietf.org/html/rfc9110#section-15.5.4")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        app.MapPrometheusScrapingEndpoint(path.Value!);
        return app;
    }

    private static Uri? FromEnvironment() =>
        Uri.TryCreate(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"), UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>Replaces the search engine registration with the same engine wrapped in <see cref="MeasuredSearchEngine"/>.</summary>
    private static void MeasureSearchEngine(IServiceCollection services)
    {
        var engine = services.LastOrDefault(d => d.ServiceType == typeof(ISearchEngine))
            ?? throw new InvalidOperationException("AddHubTelemetry must come after AddHubSearch: there is no search engine to measure yet.");
        services.Remove(engine);
        services.AddSingleton<ISearchEngine>(provider => new MeasuredSearchEngine(Create(engine, provider)));
    }

    private static ISearchEngine Create(ServiceDescriptor engine, IServiceProvider provider) =>
        engine.ImplementationInstance as ISearchEngine
        ?? (ISearchEngine?)engine.ImplementationFactory?.Invoke(provider)
        ?? (ISearchEngine)ActivatorUtilities.CreateInstance(provider, engine.ImplementationType!);
}
