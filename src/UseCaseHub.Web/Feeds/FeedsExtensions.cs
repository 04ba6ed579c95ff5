namespace UseCaseHub.Web.Feeds;

/// <summary>Atom feeds (issue 15 item 2): <c>/feed.atom</c> with any search's parameters.</summary>
public static class FeedsExtensions
{
    public static IServiceCollection AddHubFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedOptions>().Bind(configuration.GetSection(FeedOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static WebApplication MapHubFeeds(this WebApplication app)
    {
        app.MapAtomFeed();
        return app;
    }
}
