using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Core.Store;

/// <summary>Where the hub keeps its files. Relative paths are resolved against the host's content root.</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>Database file, search index, keys.</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    /// <summary>Markdown entries and pages imported on start.</summary>
    [Required]
    public string ContentPath { get; set; } = "content";

    /// <summary>Taxonomies and reference data loaded on start.</summary>
    [Required]
    public string SeedsPath { get; set; } = "seeds";

    public bool ImportContentOnStart { get; set; } = true;
}

public enum StoreProvider
{
    Sqlite,

    /// <summary>PostgreSQL through Npgsql; migrations in UseCaseHub.Store.Postgres.</summary>
    Postgres,
}

public sealed class StoreOptions
{
    public const string Section = "Store";

    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>
    /// SQLite: empty means a file <c>usecasehub.db</c> in the data directory. PostgreSQL: required, an Npgsql
    /// connection string naming at least Host and Database (see <see cref="StoreOptionsValidator"/>).
    /// </summary>
    public string? ConnectionString { get; set; }
}
