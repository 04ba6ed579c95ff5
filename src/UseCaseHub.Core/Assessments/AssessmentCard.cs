using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Core.Assessments;

/// <summary>
/// What a published entry shows of its assessment: the sealed assessments of the decision that published it (the latest
/// Publish round), each curator's score per criterion (not an average: the reader sees agreement and disagreement),
/// the date and evidence levels, and the gaps sealed so far. Read under <see cref="AssessmentVisibility"/> for the
/// public, so nothing of an open round can appear.
/// </summary>
public sealed record AssessmentCard(DateTimeOffset? DecidedAt, IReadOnlyList<Assessment> Assessments, IReadOnlyList<StandardisationGap> Gaps)
{
    public bool IsEmpty => Assessments.Count == 0 && Gaps.Count == 0;

    /// <summary>The criteria as the published round scored them (key, title), in the rubric's order of that time.</summary>
    public IReadOnlyList<(string Key, string Title)> Criteria => Assessments.SelectMany(a => a.Scores)
        .Select(s => (s.Criterion, s.Title)).DistinctBy(c => c.Criterion).ToList();

    public static async Task<AssessmentCard> LoadAsync(HubDbContext db, Entry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        var assessments = db.Set<Assessment>().AsNoTracking().VisibleTo(SearchAudience.Public).Where(a => a.EntryId == entry.Id);
        var decided = await assessments.Where(a => a.Decision == nameof(Workflow.Decision.Publish))
            .OrderByDescending(a => a.SealedAt).Select(a => a.SealedAt).FirstOrDefaultAsync(cancellationToken);
        var round = decided is null ? [] : await assessments.Where(a => a.SealedAt == decided).OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        var gaps = await db.Set<StandardisationGap>().AsNoTracking().VisibleTo(SearchAudience.Public).Where(g => g.EntryId == entry.Id)
            .Include(g => g.Standards).OrderBy(g => g.CreatedAt).ToListAsync(cancellationToken);
        return new(decided, round, gaps);
    }
}
