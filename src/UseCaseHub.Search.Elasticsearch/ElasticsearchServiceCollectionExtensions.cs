using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Elasticsearch;

public static class ElasticsearchServiceCollectionExtensions
{
    /// <summary>
    /// Makes Elasticsearch available as <c>Search:Engine = Elasticsearch</c> (the choice itself stays in
    /// <see cref="SearchServiceCollectionExtensions.AddHubSearchCore"/>). Options are validated at start only when chosen.
    /// </summary>
    public static IServiceCollection AddHubElasticsearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ElasticsearchOptions>().Bind(configuration.GetSection(ElasticsearchOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ElasticsearchOptions>, ElasticsearchOptionsValidation>());
        return services.AddSearchEngine(ElasticsearchSearchEngine.EngineName, provider =>
        {
            var options = provider.GetRequiredService<IOptions<ElasticsearchOptions>>().Value;
            return new ElasticsearchSearchEngine(CreateClient(options), options, provider.GetRequiredService<ILogger<ElasticsearchSearchEngine>>());
        });
    }

    /// <summary>The client with the transport's resilience: a timeout per request, retries with back-off, dead-node marking.</summary>
    public static ElasticsearchClient CreateClient(ElasticsearchOptions options, IRequestInvoker? invoker = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pool = new SingleNodePool(options.Url ?? throw new InvalidOperationException("Search:Elasticsearch:Url is not set."));
        var settings = invoker is null ? new ElasticsearchClientSettings(pool) : new ElasticsearchClientSettings(pool, invoker);
        settings.RequestTimeout(options.RequestTimeout)
            .MaximumRetries(options.MaxRetries)
            .MaxRetryTimeout(options.RequestTimeout * (options.MaxRetries + 1))
            .DeadTimeout(TimeSpan.FromSeconds(5))
            .MaxDeadTimeout(TimeSpan.FromSeconds(60));
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            settings.Authentication(new ApiKey(options.ApiKey));
        }
        else if (!string.IsNullOrEmpty(options.Username))
        {
            settings.Authentication(new BasicAuthentication(options.Username, options.Password ?? ""));
        }

        if (!string.IsNullOrEmpty(options.CertificateFingerprint))
        {
            settings.CertificateFingerprint(options.CertificateFingerprint);
        }

        return new ElasticsearchClient(settings);
    }
}
