using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Assessments;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Conversation;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Web.Pages.Curate;

/// <summary>
/// A curator's page for one entry: its state, Claim, the rubric form (the curator's own assessment of this round), the
/// other curators' assessments, standardisation gaps, the decision and the thread. Every change goes through Core
/// (<see cref="EntryWorkflow"/>, <see cref="AssessmentRules"/>, <see cref="AssessmentRound"/>, <see cref="ConversationRules"/>);
/// a refusal is shown on the page (409), a success redirects back to it.
/// </summary>
[Authorize(Policy = HubPolicies.Curator)]
public sealed class EntryModel(HubDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    public Entry Entry { get; private set; } = null!;

    public AssessmentRubric Rubric { get; private set; } = AssessmentRubric.Empty;

    /// <summary>This curator's open assessment of the round, if any.</summary>
    public Assessment? Mine { get; private set; }

    /// <summary>Every assessment of the entry, newest round first (curators see all).</summary>
    public IReadOnlyList<Assessment> Assessments { get; private set; } = [];

    public IReadOnlyList<StandardisationGap> Gaps { get; private set; } = [];

    public IReadOnlyList<EntryMessage> Messages { get; private set; } = [];

    public IReadOnlyList<(string Code, string Title)> Standards { get; private set; } = [];

    /// <summary>The refusal or the rule violations of the last post, shown at the top of the page.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public Dictionary<string, int?> Score { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string?> ScoreComment { get; set; } = [];

    [BindProperty]
    public string? Evidence { get; set; }

    [BindProperty]
    public string? OverallComment { get; set; }

    [BindProperty]
    public string? GapText { get; set; }

    [BindProperty]
    public List<string> GapStandards { get; set; } = [];

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    public Actor Caller => Actor.From(User);

    public bool MayClaim => EntryWorkflow.Allows(Entry, Caller, EntryOperation.Claim);

    public bool MayAssess => AssessmentRules.MayAssess(Entry, Caller);

    public bool MayDecide => EntryWorkflow.Allows(Entry, Caller, EntryOperation.Publish);

    public bool MayPost => ConversationRules.MayPost(Entry, Caller);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? FillForm() : NotFound();

    public Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, "Claimed.", () =>
    {
        db.Audit(AuditActor.From(User), EntryWorkflow.Claim(Entry, Caller, DateTimeOffset.UtcNow), Entry);
        return Task.CompletedTask;
    }, cancellationToken);

    public Task<IActionResult> OnPostAssessAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, "Assessment saved.", () =>
    {
        var input = new AssessmentInput(
            [.. Rubric.Criteria.Select(c => new ScoreInput(c.Key, Score.GetValueOrDefault(c.Key), ScoreComment.GetValueOrDefault(c.Key)))],
            Evidence, OverallComment);
        var who = AuditActor.From(User);
        var assessment = AssessmentRules.Record(Entry, Caller, who.Name, Rubric, input, Mine, DateTimeOffset.UtcNow);
        if (Mine is null)
        {
            db.Add(assessment);
        }

        db.Audit(who, AuditActions.EntryAssess, Entry, details: Details(assessment));
        return Task.CompletedTask;
    }, cancellationToken);

    public Task<IActionResult> OnPostGapAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, "Gap noted.", async () =>
    {
        var codes = GapStandards.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var standards = await db.Standards.Where(s => codes.Contains(s.Code)).ToListAsync(cancellationToken);
        if (codes.Except(standards.Select(s => s.Code), StringComparer.Ordinal).FirstOrDefault() is { } unknown)
        {
            throw new EntryRuleException([EntryRules.UnknownValue(nameof(StandardisationGap.Standards), unknown, "standard")]);
        }

        var who = AuditActor.From(User);
        var gap = AssessmentRules.NoteGap(Entry, Caller, who.Name, GapText, standards, DateTimeOffset.UtcNow);
        db.Add(gap);
        db.Audit(who, AuditActions.EntryGap, Entry, gap.Text, new { gap = gap.Id, standards = codes });
    }, cancellationToken);

    public Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, "Decision recorded.", async () =>
    {
        if (!Enum.TryParse<Decision>(Decision, ignoreCase: false, out var decision) || !Enum.IsDefined(decision))
        {
            throw new EntryRuleException([EntryRules.UnknownValue(nameof(Decision), Decision ?? "", "decision")]);
        }

        await AssessmentRound.DecideAsync(db, Entry, Caller, AuditActor.From(User), decision, DateTimeOffset.UtcNow, Note, cancellationToken);
    }, cancellationToken);

    public Task<IActionResult> OnPostMessageAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, "Message sent.", () =>
    {
        var who = AuditActor.From(User);
        var message = ConversationRules.Post(Entry, Caller, who.Name, Message, DateTimeOffset.UtcNow);
        db.Add(message);
        db.Audit(who, AuditActions.EntryMessage, Entry, message.Text, new { message = message.Id, side = message.Side.ToString() });
        return Task.CompletedTask;
    }, cancellationToken);

    /// <summary>The score a field shows: what was just posted, else the curator's saved assessment.</summary>
    public int? ScoreOf(string key) => Score.TryGetValue(key, out var posted) ? posted : null;

    public string? CommentOf(string key) => ScoreComment.GetValueOrDefault(key);

    private PageResult FillForm()
    {
        if (Mine is not null)
        {
            Score = Mine.Scores.ToDictionary(s => s.Criterion, s => (int?)s.Score);
            ScoreComment = Mine.Scores.ToDictionary(s => s.Criterion, s => (string?)s.Comment);
            Evidence = Mine.EvidenceLevel.ToString();
            OverallComment = Mine.Comment;
        }

        return Page();
    }

    /// <summary>One post: the Core operation, then one save with its audit record; a refusal or a broken rule re-renders with the message.</summary>
    private async Task<IActionResult> ActAsync(Guid id, string done, Func<Task> act, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            await act();
            await db.SaveChangesAsync(cancellationToken);
            Done = done;
            return RedirectToPage(new { id });
        }
        catch (EntryStateException refusal)
        {
            Problems = [refusal.Message];
        }
        catch (EntryRuleException broken)
        {
            Problems = [.. broken.Violations.Select(v => v.Message)];
        }
        catch (DbUpdateConcurrencyException)
        {
            Problems = [text["The entry changed while you were working on it; reload the page and try again."]];
        }

        Response.StatusCode = StatusCodes.Status409Conflict;
        db.ChangeTracker.Clear();
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var entry = await db.Entries.Include(e => e.Organization).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return false;
        }

        Entry = entry;
        Rubric = await AssessmentRubric.LoadAsync(db, cancellationToken);
        Assessments = await db.Assessments.Where(a => a.EntryId == id)
            .OrderByDescending(a => a.SealedAt == null).ThenByDescending(a => a.SealedAt).ThenBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        var me = Caller.Id;
        Mine = Assessments.FirstOrDefault(a => a.SealedAt is null && a.CuratorId == me);
        Gaps = await db.StandardisationGaps.AsNoTracking().Include(g => g.Standards).Where(g => g.EntryId == id)
            .OrderBy(g => g.CreatedAt).ToListAsync(cancellationToken);
        Messages = await db.EntryMessages.AsNoTracking().Where(m => m.EntryId == id).OrderBy(m => m.At).ToListAsync(cancellationToken);
        Standards = (await db.Standards.AsNoTracking().Select(s => new { s.Code, s.Title }).ToListAsync(cancellationToken))
            .OrderBy(s => s.Code, StringComparer.Ordinal).Select(s => (s.Code, s.Title)).ToList();
        return true;
    }

    private static object Details(Assessment assessment) => new
    {
        assessment = assessment.Id,
        version = assessment.EntryVersion,
        evidence = assessment.EvidenceLevel.ToString(),
        scores = assessment.Scores.ToDictionary(s => s.Criterion, s => s.Score),
    };
}
