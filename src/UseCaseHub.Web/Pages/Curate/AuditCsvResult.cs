using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Audit;

namespace UseCaseHub.Web.Pages.Curate;

/// <summary>
/// Audit rows as CSV, written row by row as the query reads them (no list of the whole log in memory). CsvHelper
/// quotes commas, quotes and line breaks; cells starting with = + - @ are escaped so a spreadsheet does not run them.
/// </summary>
internal sealed class AuditCsvResult(IQueryable<AuditEntry> rows) : IActionResult
{
    private static readonly string[] Header = ["Time (UTC)", "Action", "Actor", "Actor id", "Role", "Subject type", "Subject id", "Subject", "Note", "Details"];

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        var cancellationToken = context.HttpContext.RequestAborted;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTimeOffset.UtcNow:yyyyMMdd-HHmm}.csv\"";
        // The byte order mark lets spreadsheet programs read non-Latin text (Arabic, Chinese) as UTF-8.
        var options = new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true, FormatProvider = CultureInfo.InvariantCulture };
        await using var csv = CsvWriter.Create(response.Body, options, true);
        foreach (var name in Header)
        {
            csv.WriteField(name);
        }

        await csv.EndRecordAsync(cancellationToken);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            csv.WriteField(row.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(row.Action);
            csv.WriteField(row.ActorName);
            csv.WriteField(row.ActorId ?? "");
            csv.WriteField(row.ActorRole);
            csv.WriteField(row.SubjectType);
            csv.WriteField(row.SubjectId ?? "");
            csv.WriteField(row.SubjectLabel ?? "");
            csv.WriteField(row.Note ?? "");
            csv.WriteField(row.Details ?? "");
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
