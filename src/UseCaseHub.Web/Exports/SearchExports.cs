using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Web.Offline;
using UseCaseHub.Web.Search;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Exports;

/// <summary>Turns to write a search export (<see cref="ExportOptions.MaxConcurrentExports"/>), host-wide.</summary>
public sealed class ExportTurns(IOptions<ExportOptions> options) : IDisposable
{
    public SemaphoreSlim Turns { get; } = new(options.Value.MaxConcurrentExports, options.Value.MaxConcurrentExports);

    public void Dispose() => Turns.Dispose();
}

/// <summary>
/// A search's results as CSV or JSON: <c>/search/export.csv</c> and <c>/search/export.json</c> (site: friendly error
/// pages) and <c>/api/search/export?format=csv|json</c> (problem details), all with the search's own parameters. Every
/// page of the search is asked of <see cref="ISearchEngine"/> in turn, its entries read under the caller's visibility,
/// written and flushed before the next: nothing holds the whole set. At most <see cref="ExportOptions.MaxRows"/> rows
/// (the best first); the headers <c>X-Result-Total</c>, <c>X-Export-Limit</c> and <c>X-Export-Truncated</c> say whether
/// the set was cut, and the JSON says it too.
/// </summary>
public static class SearchExports
{
    private static readonly TimeSpan WaitForTurn = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapSearchExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/search/export.csv", (Delegate)((HttpContext context) => ExportAsync(context, "csv", api: false)));
        endpoints.MapGet("/search/export.json", (Delegate)((HttpContext context) => ExportAsync(context, "json", api: false)));
        endpoints.MapGet("/api/search/export", (Delegate)((HttpContext context) => ExportAsync(context, context.Request.Query["format"].ToString(), api: true)));
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(HttpContext context, string format, bool api)
    {
        var services = context.RequestServices;
        var site = services.GetRequiredService<IOptions<SiteOptions>>().Value;
        var options = services.GetRequiredService<IOptions<ExportOptions>>().Value;
        var query = SearchQuery.Read(context.Request.Query, site.PageSize, SearchAudience.Of(context.User));
        if (!query.IsValid)
        {
            return Invalid(api, query.Parameter!, query.Problem!);
        }

        if (format.Length == 0)
        {
            format = "json";
        }

        if (format is not ("csv" or "json"))
        {
            return Invalid(api, "format", "format is csv or json.");
        }

        if (!SearchApi.LabelLanguage(context, out var language))
        {
            return Invalid(api, "lang", $"lang is one of {string.Join(", ", TaxonomyKinds.Languages)}.");
        }

        var turns = services.GetRequiredService<ExportTurns>().Turns;
        if (!await turns.WaitAsync(WaitForTurn, context.RequestAborted))
        {
            context.Response.Headers.RetryAfter = "10";
            return api
                ? TypedResults.Problem(detail: "Every turn to write an export is taken; try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy")
                : TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        try
        {
            var writer = new Writer(context, services.GetRequiredService<ISearchEngine>(), services.GetRequiredService<HubDbContext>(),
                services.GetRequiredService<ITaxonomyLabels>(), options, site.PublicBaseFor(context.Request), language);
            await writer.WriteAsync(query.Request, format, context.RequestAborted);
            return TypedResults.Empty;
        }
        finally
        {
            turns.Release();
        }
    }

    private static IResult Invalid(bool api, string parameter, string detail) => api
        ? TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid parameter",
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter })
        // No body: the status code page shows the friendly 400 page in the reader's language.
        : TypedResults.BadRequest();

    /// <summary>One export being written: pages through the engine and writes each page's rows as they come.</summary>
    private sealed class Writer(HttpContext context, ISearchEngine engine, HubDbContext db, ITaxonomyLabels labels, ExportOptions options, Uri siteBase, string language)
    {
        private readonly HashSet<Guid> _seen = [];

        public async Task WriteAsync(SearchRequest request, string format, CancellationToken cancellationToken)
        {
            var size = options.SearchPageSize;
            var first = await engine.SearchAsync(Page(request, 1, size), cancellationToken);
            var truncated = first.Total > options.MaxRows;
            var response = context.Response;
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"{Path.ChangeExtension(OfflineDownloads.FileName(request.Query, today), format)}\"";
            // A member's or curator's export may hold drafts: never kept by a shared cache.
            response.Headers.CacheControl = "private, no-store";
            response.Headers["X-Result-Total"] = first.Total.ToString(CultureInfo.InvariantCulture);
            response.Headers["X-Export-Limit"] = options.MaxRows.ToString(CultureInfo.InvariantCulture);
            response.Headers["X-Export-Truncated"] = truncated ? "true" : "false";
            if (format == "csv")
            {
                await CsvAsync(request, first, cancellationToken);
            }
            else
            {
                await JsonAsync(request, first, truncated, cancellationToken);
            }
        }

        private async Task CsvAsync(SearchRequest request, SearchResult first, CancellationToken cancellationToken)
        {
            // CsvHelper quotes commas, quotes and line breaks; cells starting with = + - @ are escaped so a spreadsheet
            // does not run them; the byte order mark lets spreadsheet programs read Arabic and Chinese as UTF-8.
            var csvOptions = new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true, FormatProvider = CultureInfo.InvariantCulture };
            await using var csv = CsvWriter.Create(context.Response.Body, csvOptions, true);
            foreach (var column in ExportRow.Columns)
            {
                csv.WriteField(column);
            }

            await csv.EndRecordAsync(cancellationToken);
            await foreach (var row in RowsAsync(request, first, cancellationToken))
            {
                if (row is null)
                {
                    // The end of one engine page: what is written so far goes out now.
                    await csv.FlushAsync(cancellationToken);
                    continue;
                }

                foreach (var cell in row.Cells())
                {
                    csv.WriteField(cell);
                }

                await csv.EndRecordAsync(cancellationToken);
            }

            await csv.FlushAsync(cancellationToken);
        }

        private async Task JsonAsync(SearchRequest request, SearchResult first, bool truncated, CancellationToken cancellationToken)
        {
            await using var json = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Encoder = EntryExports.Json.Encoder, Indented = false });
            json.WriteStartObject();
            json.WriteNumber("total", first.Total);
            json.WriteNumber("limit", options.MaxRows);
            json.WriteBoolean("truncated", truncated);
            json.WriteStartArray("rows");
            var count = 0;
            await foreach (var row in RowsAsync(request, first, cancellationToken))
            {
                if (row is null)
                {
                    await json.FlushAsync(cancellationToken);
                    continue;
                }

                // Serialize(writer, ...) would flush the writer synchronously, which a compressed response refuses.
                json.WriteRawValue(JsonSerializer.SerializeToUtf8Bytes(row, EntryExports.Json), skipInputValidation: true);
                count++;
            }

            json.WriteEndArray();
            json.WriteNumber("count", count);
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken);
        }

        /// <summary>Rows in search order, page after page, up to the cap; a null after each page marks where to flush.</summary>
        private async IAsyncEnumerable<ExportRow?> RowsAsync(SearchRequest request, SearchResult first,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var size = options.SearchPageSize;
            var result = first;
            var written = 0;
            for (var page = 1; ; page++)
            {
                if (page > 1)
                {
                    result = await engine.SearchAsync(Page(request, page, size), cancellationToken);
                }

                var ids = result.Hits.Select(h => h.Id).Where(_seen.Add).Take(options.MaxRows - written).ToList();
                foreach (var entry in await HitEntries.LoadAsync(db, ids, request.Audience, cancellationToken))
                {
                    written++;
                    yield return ExportRow.From(entry, labels, language, siteBase);
                }

                // The entries of this page are not needed again: the context keeps nothing (no tracking) but its caches.
                db.ChangeTracker.Clear();
                yield return null;
                if (result.Hits.Count < size || (long)page * size >= result.Total || written >= options.MaxRows
                    || (long)page * size >= SearchRequest.MaxResultWindow)
                {
                    yield break;
                }
            }
        }

        private static SearchRequest Page(SearchRequest request, int page, int size) =>
            request with { Page = page, PageSize = size, Facets = [], Highlight = false };
    }
}
