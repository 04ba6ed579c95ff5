using Microsoft.EntityFrameworkCore;

namespace UseCaseHub.Core.Audit;

/// <summary>
/// The audit log's filters, shared by the viewer and its CSV export so both show the same rows: an action code,
/// text in the actor or the subject (name or id), and a range of UTC days (both ends included). Newest first.
/// </summary>
public sealed record AuditQuery(string? Action = null, string? Actor = null, string? Subject = null, DateOnly? From = null, DateOnly? To = null)
{
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!string.IsNullOrWhiteSpace(Action))
        {
            rows = rows.Where(a => a.Action == Action.Trim());
        }

        if (Like(Actor) is { } actor)
        {
            rows = rows.Where(a => EF.Functions.Like(a.ActorName, actor, "\\") || EF.Functions.Like(a.ActorId!, actor, "\\"));
        }

        if (Like(Subject) is { } subject)
        {
            rows = rows.Where(a => EF.Functions.Like(a.SubjectLabel!, subject, "\\") || EF.Functions.Like(a.SubjectId!, subject, "\\"));
        }

        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(a => a.At >= start);
        }

        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(a => a.At < end);
        }

        return rows.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);
    }

    /// <summary>"Contains", with the reader's % and _ taken literally.</summary>
    private static string? Like(string? text) => string.IsNullOrWhiteSpace(text)
        ? null
        : "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
