using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Store.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add ... --project src/UseCaseHub.Store.Postgres</c> build the context on Npgsql
/// without a server (adding a migration never connects).
/// </summary>
internal sealed class DesignTimePostgresHubDbContextFactory : IDesignTimeDbContextFactory<HubDbContext>
{
    public HubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HubDbContext>()
            .UseNpgsql("Host=localhost;Database=usecasehub_design_time",
                npgsql => npgsql.MigrationsAssembly(StoreServiceCollectionExtensions.PostgresMigrationsAssembly))
            .Options);
}
