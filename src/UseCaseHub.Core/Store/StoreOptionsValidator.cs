using Microsoft.Extensions.Options;
using Npgsql;

namespace UseCaseHub.Core.Store;

/// <summary>
/// Refuses to start with a store the hub cannot reach: PostgreSQL needs a connection string that parses and names a
/// host and a database (SQLite falls back to a file in the data directory).
/// </summary>
internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail($"Store:Provider '{options.Provider}' is not supported (Sqlite or Postgres).");
        }

        if (options.Provider != StoreProvider.Postgres)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Store:ConnectionString is required when Store:Provider is Postgres.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException exception)
        {
            // The message names the bad keyword, never the password.
            return ValidateOptionsResult.Fail($"Store:ConnectionString is not a valid PostgreSQL connection string: {exception.Message}");
        }

        return string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database)
            ? ValidateOptionsResult.Fail("Store:ConnectionString must name Host and Database for PostgreSQL.")
            : ValidateOptionsResult.Success;
    }
}
