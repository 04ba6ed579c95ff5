using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests;

/// <summary>The core services over one data folder, wired as the host wires them, and work run in a scope of them.</summary>
internal static class TestServices
{
    /// <summary>The services; <paramref name="settings"/> add to or override the data, seeds and content paths, and <paramref name="add"/> registers more (the search engine, say) with the same configuration.</summary>
    public static ServiceProvider Build(string dataPath, string contentPath, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection, IConfiguration>? add = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hub:DataPath"] = dataPath,
            ["Hub:SeedsPath"] = TestPaths.Seeds,
            ["Hub:ContentPath"] = contentPath,
        }.Concat(settings ?? new Dictionary<string, string?>())).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = dataPath, EnvironmentName = "Testing" })
            .AddHubStore(configuration)
            .AddHubContent();
        add?.Invoke(services, configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Runs work in its own scope, as a request would.</summary>
    public static async Task<T> RunScopedAsync<TService, T>(this IServiceProvider services, Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static async Task RunScopedAsync<TService>(this IServiceProvider services, Func<TService, Task> work)
        where TService : notnull
    {
        await using var scope = services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
