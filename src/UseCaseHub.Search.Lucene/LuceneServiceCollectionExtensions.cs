using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Search.Lucene;

public sealed class LuceneSearchOptions
{
    public const string Section = "Search:Lucene";

    /// <summary>The index folder; relative paths are under the data folder (<c>Hub:DataPath</c>).</summary>
    public string IndexPath { get; set; } = "search-index";
}

public static class LuceneServiceCollectionExtensions
{
    /// <summary>Makes the embedded Lucene.NET engine available as <c>Search:Engine = Lucene</c>.</summary>
    public static IServiceCollection AddLuceneSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LuceneSearchOptions>().Bind(configuration.GetSection(LuceneSearchOptions.Section));
        return services.AddSearchEngine(LuceneSearchEngine.EngineName, provider =>
        {
            var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<LuceneSearchOptions>>().Value;
            var path = Path.GetFullPath(Path.Combine(provider.GetRequiredService<HubPaths>().Data, options.IndexPath));
            return new LuceneSearchEngine(path, provider.GetRequiredService<ILogger<LuceneSearchEngine>>());
        });
    }
}
