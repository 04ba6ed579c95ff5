using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Core.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>The store (EF Core on the configured provider), the hub's paths and the taxonomy seeder.</summary>
    public static IServiceCollection AddHubStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HubOptions>().Bind(configuration.GetSection(HubOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.AddSingleton<HubPaths>();
        services.AddDbContext<HubDbContext>((provider, db) =>
        {
            var store = provider.GetRequiredService<IOptions<StoreOptions>>().Value;
            var paths = provider.GetRequiredService<HubPaths>();
            // Interceptors a feature registers (the host's storage-fault monitor learns from saves that succeed).
            db.AddInterceptors(provider.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
            switch (store.Provider)
            {
                case StoreProvider.Sqlite:
                    db.UseSqlite(SqliteConnectionString(store, paths), sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
                    break;
                case StoreProvider.Postgres:
                    // Migrations per provider: PostgreSQL's live in their own assembly (see its README section).
                    db.UseNpgsql(store.ConnectionString, npgsql => npgsql
                        .MigrationsAssembly(PostgresMigrationsAssembly)
                        .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
                    break;
                default:
                    throw new OptionsValidationException(StoreOptions.Section, typeof(StoreOptions),
                        [$"Store:Provider '{store.Provider}' is not supported."]);
            }
        }, ServiceLifetime.Scoped, ServiceLifetime.Singleton); // options worked out once, not on every request

        services.AddTaxonomies();
        services.AddScoped<StoreInitializer>();
        return services;
    }

    /// <summary>The assembly holding PostgreSQL's migrations (the host references it so it ships beside Core).</summary>
    public const string PostgresMigrationsAssembly = "UseCaseHub.Store.Postgres";

    private static string SqliteConnectionString(StoreOptions store, HubPaths paths)
    {
        if (!string.IsNullOrWhiteSpace(store.ConnectionString))
        {
            return store.ConnectionString;
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(paths.Data, "usecasehub.db"),
            DefaultTimeout = 30,
        }.ToString();
    }
}
