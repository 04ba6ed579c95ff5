using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Core.Assessments;

/// <summary>
/// A decision with its round: every door that decides (the curators' page, the API's Decide) calls this, so the move,
/// the sealing of the round's open assessments and gaps, and the audit record carrying their scores are one save.
/// </summary>
public static class AssessmentRound
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Decides (through <see cref="EntryWorkflow.Decide"/>, which may refuse), seals the round and adds the audit record; the caller saves.</summary>
    public static async Task<EntryTransition> DecideAsync(HubDbContext db, Entry entry, Actor actor, AuditActor who, Decision decision,
        DateTimeOffset now, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        var transition = EntryWorkflow.Decide(entry, actor, decision, now, note);
        var assessments = await db.Set<Assessment>().Where(a => a.EntryId == entry.Id && a.SealedAt == null)
            .OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        var gaps = await db.Set<StandardisationGap>().Where(g => g.EntryId == entry.Id && g.SealedAt == null).ToListAsync(cancellationToken);
        foreach (var assessment in assessments)
        {
            assessment.SealedAt = transition.At;
            assessment.Decision = decision.ToString();
        }

        foreach (var gap in gaps)
        {
            gap.SealedAt = transition.At;
        }

        var record = db.Audit(who, transition, entry);
        // The decision's record carries the scores it was taken on, so the log alone shows why.
        record.Details = JsonSerializer.Serialize(new
        {
            from = transition.From.ToString(),
            to = transition.To.ToString(),
            gaps = gaps.Count,
            assessments = assessments.Select(a => new
            {
                id = a.Id,
                curator = a.CuratorName,
                version = a.EntryVersion,
                evidence = a.EvidenceLevel.ToString(),
                scores = a.Scores.ToDictionary(s => s.Criterion, s => s.Score),
            }),
        }, Json);
        return transition;
    }
}
