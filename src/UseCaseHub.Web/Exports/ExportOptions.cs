using System.ComponentModel.DataAnnotations;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Web.Exports;

/// <summary>Search result exports (CSV and JSON): how many rows one export may hold and how they are collected.</summary>
public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>Most rows in one export (the best first); a larger result set is cut there and the answer says so.</summary>
    [Range(1, SearchRequest.MaxResultWindow)]
    public int MaxRows { get; set; } = 10_000;

    /// <summary>Hits asked of the engine per call; each call's entries are read, written and flushed before the next.</summary>
    [Range(1, SearchRequest.MaxPageSize)]
    public int SearchPageSize { get; set; } = SearchRequest.MaxPageSize;

    /// <summary>Exports written at the same time, host-wide; a request waiting 5 s for a turn gets 503 with Retry-After.</summary>
    [Range(1, 64)]
    public int MaxConcurrentExports { get; set; } = 2;
}
