using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Elasticsearch.Tests;

/// <summary>Choosing Elasticsearch without a URL fails at start with a message saying what to set; Lucene hosts need none of it.</summary>
public sealed class OptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSingleton<ISearchEngine>(_ => throw new InvalidOperationException("not built here"))
            .AddHubElasticsearch(configuration)
            .AddOptions<SearchOptions>().Bind(configuration.GetSection(SearchOptions.Section)).Services
            .BuildServiceProvider();
    }

    [Fact]
    public void Elasticsearch_chosen_without_a_url_is_a_clear_start_up_error()
    {
        using var services = Services(new() { ["Search:Engine"] = "Elasticsearch" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ElasticsearchOptions>>().Value);
        Assert.Contains("Search:Elasticsearch:Url", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Api_key_and_password_together_are_refused()
    {
        using var services = Services(new()
        {
            ["Search:Engine"] = "Elasticsearch",
            ["Search:Elasticsearch:Url"] = "https://search:9200",
            ["Search:Elasticsearch:ApiKey"] = "a2V5",
            ["Search:Elasticsearch:Username"] = "elastic",
            ["Search:Elasticsearch:Password"] = "secret",
        });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ElasticsearchOptions>>().Value);
    }

    [Fact]
    public void A_lucene_host_needs_no_elasticsearch_settings()
    {
        using var services = Services(new() { ["Search:Engine"] = "Lucene" });

        Assert.Null(services.GetRequiredService<IOptions<ElasticsearchOptions>>().Value.Url);
    }

    [Fact]
    public void A_configured_engine_is_registered_under_its_name()
    {
        using var services = Services(new() { ["Search:Engine"] = "Elasticsearch", ["Search:Elasticsearch:Url"] = "http://127.0.0.1:9200" });

        var registration = Assert.Single(services.GetServices<SearchEngineRegistration>());
        Assert.Equal("Elasticsearch", registration.Name);
        using var engine = (ElasticsearchSearchEngine)registration.Create(services);
        Assert.Equal("Elasticsearch", engine.Name);
        _ = services.GetRequiredService<ILoggerFactory>();
    }
}
