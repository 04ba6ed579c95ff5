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
}

public sealed class StoreOptions
{
    public const string Section = "Store";

    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>Empty means a SQLite file <c>usecasehub.db</c> in the data directory.</summary>
    public string? ConnectionString { get; set; }
}
