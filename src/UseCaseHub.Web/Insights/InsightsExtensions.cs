using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UseCaseHub.Core.Statistics;

namespace UseCaseHub.Web.Insights;

/// <summary>
/// The coverage dashboard (<c>/insights</c>, its charts' CSV at <c>/insights/{chart}.csv</c> and JSON at
/// <c>/api/insights/{chart}</c>) and the per-entry view and download counters (issue 15 items 4 and 5).
/// </summary>
public static class InsightsExtensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static IServiceCollection AddHubInsights(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InsightsOptions>().Bind(configuration.GetSection(InsightsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddSingleton<EntryCounter>();
        services.AddSingleton(provider => new DailyReaders(provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<InsightsOptions>>().Value.DailyReaders));
        services.AddSingleton<EntryTraffic>();
        services.AddSingleton<StatisticsFlusher>();
        services.AddHostedService(provider => provider.GetRequiredService<StatisticsFlusher>());
        services.AddScoped<InsightsBuilder>();
        services.Configure<MvcOptions>(mvc => mvc.Filters.Add<EntryViewFilter>());
        services.AddSingleton<EntryViewFilter>();
        return services;
    }

    public static WebApplication MapHubInsights(this WebApplication app)
    {
        app.MapGet("/insights/{chart}.csv", CsvAsync);
        app.MapGet("/api/insights", (HttpContext context) => TypedResults.Json(
            InsightsDashboard.Keys.Select(k => new { Key = k, Csv = $"{context.Request.PathBase}/insights/{k}.csv", Api = $"{context.Request.PathBase}/api/insights/{k}" }), Json));
        app.MapGet("/api/insights/{chart}", ApiAsync);
        return app;
    }

    private static async Task<IResult> CsvAsync(string chart, HttpContext context, InsightsBuilder insights, CancellationToken cancellationToken)
    {
        if (!InsightsDashboard.Keys.Contains(chart, StringComparer.Ordinal))
        {
            // No body: the status page shows the friendly 404 in the reader's language.
            return TypedResults.NotFound();
        }

        var data = (await insights.GetAsync(cancellationToken)).Chart(chart)!;
        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"usecasehub-{chart}.csv\"";
        await WriteCsvAsync(data, response.Body, cancellationToken);
        return TypedResults.Empty;
    }

    /// <summary>The chart's table as CSV: its column headings, then one record per row, the cells as the table shows them.</summary>
    public static async Task WriteCsvAsync(InsightChart chart, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chart);
        // The byte order mark lets spreadsheet programs read Arabic or Chinese labels as UTF-8; CsvHelper quotes and
        // escapes cells a spreadsheet would run as formulas.
        var options = new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true, FormatProvider = CultureInfo.InvariantCulture };
        await using var csv = CsvWriter.Create(stream, options, true);
        foreach (var column in chart.Columns)
        {
            csv.WriteField(column);
        }

        await csv.EndRecordAsync(cancellationToken);
        foreach (var row in chart.Rows)
        {
            foreach (var cell in row.Cells)
            {
                csv.WriteField(cell.Text);
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static async Task<IResult> ApiAsync(string chart, HttpContext context, InsightsBuilder insights, CancellationToken cancellationToken)
    {
        if (!InsightsDashboard.Keys.Contains(chart, StringComparer.Ordinal))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"chart is one of {string.Join(", ", InsightsDashboard.Keys)}.", extensions: new Dictionary<string, object?> { ["parameter"] = "chart" });
        }

        var dashboard = await insights.GetAsync(cancellationToken);
        var data = dashboard.Chart(chart)!;
        var basePath = context.Request.PathBase.Value ?? "";
        return TypedResults.Json(new
        {
            data.Key,
            Kind = data.Kind.ToString().ToLowerInvariant(),
            data.Title,
            data.Summary,
            data.Columns,
            data.ColumnKeys,
            data.RowHeaders,
            Rows = data.Rows.Select(r => new
            {
                r.Key,
                Cells = r.Cells.Select(c => new { c.Text, c.Count, Link = c.Link is null ? null : basePath + c.Link }),
            }),
            Csv = $"{basePath}/insights/{chart}.csv",
            dashboard.ComputedAt,
        }, Json);
    }
}
