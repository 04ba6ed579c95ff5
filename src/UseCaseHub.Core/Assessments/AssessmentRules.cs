using System.Globalization;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Core.Assessments;

/// <summary>A curator's scores as a door received them (form fields or API parameters), before any rule is applied.</summary>
public sealed record ScoreInput(string? Criterion, int? Score, string? Comment);

public sealed record AssessmentInput(IReadOnlyList<ScoreInput> Scores, string? EvidenceLevel, string? Comment);

/// <summary>
/// Who may assess, and what a valid assessment is, in one place for the curators' page and the API's Assess action:
/// curators and admins assess an entry that is <see cref="EntryStatus.UnderAssessment"/>; each scores every criterion of
/// the rubric 0-3 with a comment, and edits only their own assessment, only until the decision seals it.
/// Standardisation gaps follow the same who-and-when rule.
/// </summary>
public static class AssessmentRules
{
    public const int CommentMax = 2000;
    public const int OverallCommentMax = 4000;
    public const int GapTextMax = 2000;
    public const int GapStandardsMax = 20;

    /// <summary>Whether the actor may assess (or note gaps on) the entry now (for showing the form; the operations check again).</summary>
    public static bool MayAssess(Entry entry, Actor actor) => Refusal(entry, actor, "assess") is null;

    public static void EnsureMayAssess(Entry entry, Actor actor, string what = "assess")
    {
        if (Refusal(entry, actor, what) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>An open assessment is edited by the curator who wrote it, and nobody edits a sealed one.</summary>
    public static void EnsureMayEdit(Assessment assessment, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(actor);
        if (assessment.SealedAt is not null)
        {
            throw new EntryStateException("Assess", EntryStatus.UnderAssessment, null, actor.Role, RefusalReason.WrongState,
                "This assessment was sealed by the decision; it can no longer be changed.");
        }

        if (!actor.SeesEverything || actor.Id is null || !string.Equals(assessment.CuratorId, actor.Id, StringComparison.Ordinal))
        {
            throw new EntryStateException("Assess", EntryStatus.UnderAssessment, null, actor.Role, RefusalReason.NotPermitted,
                "Only the curator who wrote an assessment may change it.");
        }
    }

    /// <summary>Every rule an assessment breaks, each naming its field (<c>Scores[interoperability]</c>, <c>EvidenceLevel</c>, <c>Comment</c>).</summary>
    public static IReadOnlyList<RuleViolation> Check(AssessmentRubric rubric, AssessmentInput input)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(input);
        var violations = new List<RuleViolation>();
        if (rubric.Criteria.Count == 0)
        {
            violations.Add(RuleViolation.Of("Scores", RuleCodes.Required,
                "The rubric has no criteria: the assessment criteria page is missing or has no '## ' headings."));
            return violations;
        }

        var given = new Dictionary<string, ScoreInput>(StringComparer.Ordinal);
        foreach (var score in input.Scores ?? [])
        {
            var key = score?.Criterion?.Trim() ?? "";
            if (rubric.Find(key) is null)
            {
                violations.Add(EntryRules.UnknownValue("Scores", key, "criterion"));
            }
            else if (!given.TryAdd(key, score!))
            {
                violations.Add(RuleViolation.Of($"Scores[{key}]", RuleCodes.Duplicate, $"Criterion '{key}' is scored twice.", key));
            }
        }

        foreach (var criterion in rubric.Criteria)
        {
            var field = $"Scores[{criterion.Key}]";
            if (!given.TryGetValue(criterion.Key, out var score) || score.Score is null)
            {
                violations.Add(RuleViolation.Of(field, RuleCodes.Required, $"Score '{criterion.Title}' from {AssessmentRubric.MinScore} to {AssessmentRubric.MaxScore}."));
                continue;
            }

            if (score.Score is < AssessmentRubric.MinScore or > AssessmentRubric.MaxScore)
            {
                violations.Add(RuleViolation.Of(field, RuleCodes.OutOfRange, string.Create(CultureInfo.InvariantCulture,
                    $"The score for '{criterion.Title}' is {score.Score}; it must be from {AssessmentRubric.MinScore} to {AssessmentRubric.MaxScore}."),
                    score.Score, AssessmentRubric.MinScore, AssessmentRubric.MaxScore));
            }

            if (string.IsNullOrWhiteSpace(score.Comment))
            {
                violations.Add(RuleViolation.Of(field + ".Comment", RuleCodes.Required, $"Comment on '{criterion.Title}': say why it scores {score.Score}."));
            }
            else if (TooLong(field + ".Comment", score.Comment, CommentMax) is { } tooLong)
            {
                violations.Add(tooLong);
            }
        }

        if (!Enum.TryParse<EvidenceLevel>(input.EvidenceLevel, ignoreCase: true, out var level) || !Enum.IsDefined(level)
            || int.TryParse(input.EvidenceLevel, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            violations.Add(RuleViolation.Of(nameof(Assessment.EvidenceLevel), RuleCodes.UnknownValue,
                $"Evidence level must be one of {string.Join(", ", Enum.GetNames<EvidenceLevel>())}.", input.EvidenceLevel, "evidence level"));
        }

        if (TooLong(nameof(Assessment.Comment), input.Comment, OverallCommentMax) is { } overall)
        {
            violations.Add(overall);
        }

        return violations;
    }

    /// <summary>
    /// Records the actor's assessment of the entry for this round: creates it, or updates <paramref name="open"/> (the
    /// actor's open assessment of the entry, if the door found one). Refuses with <see cref="EntryStateException"/>
    /// (who or when) or <see cref="EntryRuleException"/> (what).
    /// </summary>
    public static Assessment Record(Entry entry, Actor actor, string actorName, AssessmentRubric rubric, AssessmentInput input,
        Assessment? open, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(input);
        EnsureMayAssess(entry, actor);
        if (open is not null)
        {
            if (open.EntryId != entry.Id)
            {
                throw new ArgumentException("The assessment belongs to another entry.", nameof(open));
            }

            EnsureMayEdit(open, actor);
        }

        if (Check(rubric, input) is { Count: > 0 } violations)
        {
            throw new EntryRuleException(violations);
        }

        var assessment = open ?? new Assessment { Id = Guid.NewGuid(), EntryId = entry.Id, CuratorId = actor.Id!, CreatedAt = now };
        assessment.CuratorName = actorName;
        assessment.EntryVersion = entry.Version;
        assessment.EvidenceLevel = Enum.Parse<EvidenceLevel>(input.EvidenceLevel!, ignoreCase: true);
        assessment.Comment = input.Comment?.Trim() ?? "";
        // In the rubric's order, so every reader lists criteria alike.
        var given = input.Scores.Where(s => s is not null).ToDictionary(s => s.Criterion!.Trim(), StringComparer.Ordinal);
        assessment.Scores = rubric.Criteria.Select(c => new AssessmentScore
        {
            Criterion = c.Key,
            Title = c.Title,
            Score = given[c.Key].Score!.Value,
            Comment = given[c.Key].Comment!.Trim(),
        }).ToList();
        assessment.UpdatedAt = now;
        return assessment;
    }

    /// <summary>A gap noted by a curator assessing the entry: free text and the standards (by code, already resolved by the door) that would apply.</summary>
    public static StandardisationGap NoteGap(Entry entry, Actor actor, string actorName, string? text, IReadOnlyList<Standard> standards, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(standards);
        EnsureMayAssess(entry, actor, "note a standardisation gap on");
        var violations = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(text))
        {
            violations.Add(RuleViolation.Of(nameof(StandardisationGap.Text), RuleCodes.Required, "Describe the gap: what no standard covers."));
        }
        else if (TooLong(nameof(StandardisationGap.Text), text, GapTextMax) is { } tooLong)
        {
            violations.Add(tooLong);
        }

        if (standards.Count > GapStandardsMax)
        {
            violations.Add(RuleViolation.Of(nameof(StandardisationGap.Standards), RuleCodes.OutOfRange,
                string.Create(CultureInfo.InvariantCulture, $"At most {GapStandardsMax} standards per gap."), standards.Count, 0, GapStandardsMax));
        }

        if (violations.Count > 0)
        {
            throw new EntryRuleException(violations);
        }

        return new StandardisationGap
        {
            Id = Guid.NewGuid(),
            EntryId = entry.Id,
            Text = text!.Trim(),
            Standards = standards.DistinctBy(s => s.Code).ToList(),
            CuratorId = actor.Id!,
            CuratorName = actorName,
            CreatedAt = now,
        };
    }

    private static EntryStateException? Refusal(Entry entry, Actor actor, string what)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.SeesEverything || actor.Id is null)
        {
            return new EntryStateException("Assess", entry.Status, null, actor.Role, RefusalReason.NotPermitted,
                $"{Capitalised(actor.DescribeFor(entry))} may not {what} this entry: only a signed-in curator or admin may.");
        }

        if (entry.Status != EntryStatus.UnderAssessment)
        {
            return new EntryStateException("Assess", entry.Status, null, actor.Role, RefusalReason.WrongState,
                $"The entry is {entry.Status}; to {what} it, it must be {EntryStatus.UnderAssessment} (claim it first).");
        }

        return null;
    }

    private static RuleViolation? TooLong(string field, string? text, int max) => text is not null && text.Trim().Length > max
        ? RuleViolation.Of(field, RuleCodes.TooLong, string.Create(CultureInfo.InvariantCulture, $"{field} is {text.Trim().Length} characters; at most {max}."), text.Trim().Length, max)
        : null;

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
