using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace UseCaseHub.Core.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// The engine chosen by <c>Search:Engine</c> as the one <see cref="ISearchEngine"/>, and the indexer that
    /// keeps it in line with the store. Engines add themselves with <see cref="AddSearchEngine"/>.
    /// </summary>
    public static IServiceCollection AddHubSearchCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SearchOptions>().Bind(configuration.GetSection(SearchOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SearchOptions>, SearchEngineNameValidation>());
        services.AddOptions<Hosts.HubHostOptions>().Bind(configuration.GetSection(Hosts.HubHostOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(provider =>
        {
            var name = provider.GetRequiredService<IOptions<SearchOptions>>().Value.Engine;
            var engine = provider.GetServices<SearchEngineRegistration>()
                .First(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
            return engine.Create(provider);
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SearchIndexer>();
        services.AddHostedService(provider => provider.GetRequiredService<SearchIndexer>());
        return services;
    }

    /// <summary>Makes an engine available as <c>Search:Engine = name</c>; callers only ever see <see cref="ISearchEngine"/>.</summary>
    public static IServiceCollection AddSearchEngine(this IServiceCollection services, string name, Func<IServiceProvider, ISearchEngine> create)
    {
        services.AddSingleton(new SearchEngineRegistration(name, create));
        return services;
    }
}
