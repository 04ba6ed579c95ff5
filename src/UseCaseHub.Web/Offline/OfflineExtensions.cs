using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Search;
using UseCaseHub.Web.Search;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Offline;

/// <summary>
/// "Download for offline" (issue 13 item 8): <c>/search/offline</c> (the page stating what the zip holds and its size) and
/// <c>/search/offline.zip</c> (the same bytes). Both start with <c>/search</c>, so the search rate limit covers them.
/// </summary>
public static class OfflineExtensions
{
    public static IServiceCollection AddHubOffline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OfflineOptions>().Bind(configuration.GetSection(OfflineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OfflineCache>();
        services.AddScoped<OfflineHtml>();
        services.AddScoped<OfflineDownloads>();
        return services;
    }

    public static WebApplication MapHubOffline(this WebApplication app)
    {
        app.MapGet("/search/offline.zip", DownloadAsync);
        return app;
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, OfflineDownloads downloads, IOptions<SiteOptions> site, CancellationToken cancellationToken)
    {
        var query = SearchQuery.Read(context.Request.Query, site.Value.PageSize, SearchAudience.Of(context.User));
        if (!query.IsValid)
        {
            // No body: the status code page shows the friendly 400 page in the reader's language.
            return TypedResults.BadRequest();
        }

        if (await downloads.GetAsync(query.Request, context.Request, cancellationToken) is not { } package)
        {
            return Busy(context);
        }

        // A member's or curator's zip may hold drafts: never kept by a shared cache.
        context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(package.Zip, "application/zip", package.FileName);
    }

    /// <summary>Every turn to build a zip is taken: come back shortly (no body: the status page explains it).</summary>
    internal static IResult Busy(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "10";
        return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }
}
