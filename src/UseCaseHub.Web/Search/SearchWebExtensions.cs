using UseCaseHub.Core.Search;
using UseCaseHub.Search.Elasticsearch;
using UseCaseHub.Search.Lucene;

namespace UseCaseHub.Web.Search;

public static class SearchWebExtensions
{
    /// <summary>
    /// Search: the engine named by <c>Search:Engine</c> (Lucene by default; other engines register by name
    /// next to it), the indexer that keeps it in line with the store, facet labels for the page and the API.
    /// </summary>
    public static IServiceCollection AddHubSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHubSearchCore(configuration);
        services.AddLuceneSearch(configuration);
        services.AddHubElasticsearch(configuration);
        services.AddSingleton<SearchLabels>();
        return services;
    }

    public static WebApplication MapHubSearch(this WebApplication app)
    {
        app.MapSearchApi();
        return app;
    }
}
