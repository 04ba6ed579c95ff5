using Microsoft.Extensions.DependencyInjection.Extensions;
using UseCaseHub.Core.Revalidation;

namespace UseCaseHub.Web.Curation;

/// <summary>The curators' dashboard's options, notification mail and the re-validation scan (issue 11 items 4 and 6).</summary>
public static class CurationExtensions
{
    public static IServiceCollection AddHubCuration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<NotificationMailOptions>().Bind(configuration.GetSection(NotificationMailOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // One clock for the scan, the queue's ages and the mail retries, so tests can move it.
        services.TryAddSingleton(new WorkflowClock(TimeProvider.System));
        services.AddScoped<NotificationMailer>();
        services.AddScoped<RevalidationRunner>();
        services.AddScoped<Inbox>();
        services.AddHostedService<NotificationMailWorker>();
        services.AddHostedService<RevalidationWorker>();
        return services;
    }
}
