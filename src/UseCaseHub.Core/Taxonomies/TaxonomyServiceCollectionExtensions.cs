using Microsoft.Extensions.DependencyInjection;

namespace UseCaseHub.Core.Taxonomies;

public static class TaxonomyServiceCollectionExtensions
{
    /// <summary>The seeder and the labels in six languages (a cached singleton).</summary>
    public static IServiceCollection AddTaxonomies(this IServiceCollection services)
    {
        services.AddScoped<TaxonomySeeder>();
        services.AddSingleton<TaxonomyLabels>();
        services.AddSingleton<ITaxonomyLabels>(provider => provider.GetRequiredService<TaxonomyLabels>());
        return services;
    }
}
