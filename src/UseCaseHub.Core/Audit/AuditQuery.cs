using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Store;

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

        // Upper-cased on both sides (see LikePattern), so SQLite and PostgreSQL ignore case alike.
#pragma warning disable CA1304, CA1311 // translated to SQL upper(), never run in .NET
        if (LikePattern.Contains(Actor) is { } actor)
        {
            rows = rows.Where(a => EF.Functions.Like(a.ActorName.ToUpper(), actor, LikePattern.Escape) || EF.Functions.Like(a.ActorId!.ToUpper(), actor, LikePattern.Escape));
        }

        if (LikePattern.Contains(Subject) is { } subject)
        {
            rows = rows.Where(a => EF.Functions.Like(a.SubjectLabel!.ToUpper(), subject, LikePattern.Escape) || EF.Functions.Like(a.SubjectId!.ToUpper(), subject, LikePattern.Escape));
        }
#pragma warning restore CA1304, CA1311

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
}
