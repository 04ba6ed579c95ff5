using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Markdown;

namespace UseCaseHub.Core.ContentFiles;

public static class ContentServiceCollectionExtensions
{
    /// <summary>Content import and export, and the safe Markdown renderer.</summary>
    public static IServiceCollection AddHubContent(this IServiceCollection services)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<ContentImporter>();
        services.AddScoped<ContentExporter>();
        return services;
    }
}
