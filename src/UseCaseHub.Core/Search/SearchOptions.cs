using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace UseCaseHub.Core.Search;

public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Which registered engine answers searches: <c>Lucene</c> (embedded) by default.</summary>
    [Required]
    public string Engine { get; set; } = "Lucene";

    /// <summary>How often the indexer looks at the outbox when nobody in this process has nudged it.</summary>
    [Range(0.05, 3600)]
    public double PollSeconds { get; set; } = 5;

    /// <summary>Outbox rows taken per index commit.</summary>
    [Range(1, 10000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Check (and if needed rebuild) the index and drain the outbox before the host takes requests.</summary>
    public bool SyncOnStart { get; set; } = true;
}

/// <summary>An engine available under a configuration name.</summary>
public sealed record SearchEngineRegistration(string Name, Func<IServiceProvider, ISearchEngine> Create);

internal sealed class SearchEngineNameValidation(IEnumerable<SearchEngineRegistration> engines) : IValidateOptions<SearchOptions>
{
    public ValidateOptionsResult Validate(string? name, SearchOptions options) =>
        engines.Any(e => string.Equals(e.Name, options.Engine, StringComparison.OrdinalIgnoreCase))
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Search:Engine '{options.Engine}' is not one of: {string.Join(", ", engines.Select(e => e.Name))}.");
}
