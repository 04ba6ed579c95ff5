using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Abstracts;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Assessments;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Web.Api;

/// <summary>
/// Reading and writing one kind of entry. Every read starts from <see cref="Visibility"/>; writes need
/// <see cref="ApiPolicies.Write"/> and a current If-Match; the curators' moves (claim, decide, retire) also need
/// <see cref="ApiPolicies.Curate"/> (a curator or admin; from a token, the curate scope too). Who may edit, delete or move what, and in which state, is <see cref="EntryWorkflow"/>'s to say: this controller translates its refusals (409) and the rulebook's (400).
/// </summary>
[ETagActionFilter]
public abstract class EntryControllerBase<T>(ApiDbContext db, EntrySearch search, EntryEditor editor, EntryCreator creator) : ODataController
    where T : Entry, new()
{
    protected abstract EntryKind Kind { get; }

    private IQueryable<T> Visible => db.Set<T>().AsNoTracking().VisibleTo(User);

    /// <summary>The caller as the workflow sees it.</summary>
    private Actor Caller => Actor.From(User);

    // ActionResult<IQueryable<T>> (not Ok(query)) declares the type, so $apply's grouped rows are still written as OData.
    [HubQuery(SupportsSearch = true)]
    public async Task<ActionResult<IQueryable<T>>> Get(CancellationToken cancellationToken)
    {
        return await search.ApplyAsync(Visible, Request, Core.Search.SearchTypes.Of(Kind), cancellationToken);
    }

    [HubQuery]
    public SingleResult<T> Get([FromODataUri] Guid key) => SingleResult.Create(Visible.Where(e => e.Id == key));

    [Authorize(Policy = ApiPolicies.Write)]
    public async Task<IActionResult> Post([FromBody] T draft, CancellationToken cancellationToken)
    {
        if (draft is null)
        {
            return InvalidBody();
        }

        var created = await creator.CreateAsync(draft, Caller, AuditActor.From(User), Kind, submit: false, cancellationToken);
        return created.Entry is T entry ? Created(entry) : created.ToErrorResult();
    }

    [Authorize(Policy = ApiPolicies.Write)]
    public async Task<IActionResult> Put([FromODataUri] Guid key, [FromBody] T replacement, ODataQueryOptions<T> options, CancellationToken cancellationToken)
    {
        if (replacement is null)
        {
            return InvalidBody();
        }

        var fields = typeof(T).GetProperties().Select(p => p.Name).Where(EntryEditor.IsEditable).ToList();
        return await EditAsync(key, options, fields, entry => editor.ApplyAsync(entry, replacement, fields, cancellationToken), cancellationToken);
    }

    [Authorize(Policy = ApiPolicies.Write)]
    public async Task<IActionResult> Patch([FromODataUri] Guid key, Delta<T> changes, ODataQueryOptions<T> options, CancellationToken cancellationToken)
    {
        if (changes is null)
        {
            return InvalidBody();
        }

        var changed = changes.GetChangedPropertyNames().Concat(changes.GetDeltaNestedNavigationProperties().Keys).ToList();
        if (changed.FirstOrDefault(p => !EntryEditor.IsEditable(p)) is { } readOnly)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, "ReadOnlyProperty", $"{readOnly} is set by the hub and cannot be changed.", readOnly);
        }

        var source = new T();
        changes.CopyChangedValues(source);
        return await EditAsync(key, options, changed, entry => editor.ApplyAsync(entry, source, changed, cancellationToken), cancellationToken);
    }

    [Authorize(Policy = ApiPolicies.Write)]
    public async Task<IActionResult> Delete([FromODataUri] Guid key, ODataQueryOptions<T> options, CancellationToken cancellationToken)
    {
        var (entry, failure) = await FindForWriteAsync(key, options, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        try
        {
            EntryWorkflow.EnsureMayDelete(entry!, Caller);
        }
        catch (EntryStateException refusal)
        {
            return ApiErrors.Refused(refusal);
        }

        db.Remove(entry!);
        db.Audit(AuditActor.From(User), AuditActions.EntryDelete, entry!);
        return await SaveAsync(() => NoContent(), cancellationToken);
    }

    [HttpPost]
    [Authorize(Policy = ApiPolicies.Write)]
    public Task<IActionResult> Submit([FromODataUri] Guid key, ODataQueryOptions<T> options, CancellationToken cancellationToken) =>
        MoveAsync(key, options, EntryWorkflow.Submit, cancellationToken);

    [HttpPost]
    [Authorize(Policy = ApiPolicies.Write)]
    public Task<IActionResult> Withdraw([FromODataUri] Guid key, ODataQueryOptions<T> options, CancellationToken cancellationToken) =>
        MoveAsync(key, options, (entry, actor, now) => EntryWorkflow.Withdraw(entry, actor, now), cancellationToken);

    /// <summary>A curator or admin takes a submitted entry to assess it.</summary>
    [HttpPost]
    [Authorize(Policy = ApiPolicies.Curate)]
    public Task<IActionResult> Claim([FromODataUri] Guid key, ODataQueryOptions<T> options, CancellationToken cancellationToken) =>
        MoveAsync(key, options, EntryWorkflow.Claim, cancellationToken);

    /// <summary>Publish, Return or Reject; the workflow requires the note for the last two (a 400 naming Note).</summary>
    [HttpPost]
    [Authorize(Policy = ApiPolicies.Curate)]
    public Task<IActionResult> Decide([FromODataUri] Guid key, ODataActionParameters parameters, ODataQueryOptions<T> options,
        CancellationToken cancellationToken)
    {
        // Only parsing is done here: whether the decision is allowed, and whether it needs a note, is the workflow's.
        var text = parameters?.GetValueOrDefault("Decision") as string;
        if (!Enum.GetNames<Decision>().Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            return Task.FromResult<IActionResult>(ApiErrors.Result(StatusCodes.Status400BadRequest, "ValidationFailed",
                $"Decision must be one of {string.Join(", ", Enum.GetNames<Decision>())}.", "Decision"));
        }

        var decision = Enum.Parse<Decision>(text!, ignoreCase: true);
        var note = parameters!.GetValueOrDefault("Note") as string;
        // The decision seals the round's assessments and gaps and records their scores (Core's AssessmentRound).
        return MoveAsync(key, options, (entry, actor, now) =>
            AssessmentRound.DecideAsync(db, entry, actor, AuditActor.From(User), decision, now, note, cancellationToken), cancellationToken);
    }

    /// <summary>A curator's or admin's assessment of an entry under assessment (created, or their open one updated); Core decides who, when and what.</summary>
    [HttpPost]
    [Authorize(Policy = ApiPolicies.Curate)]
    public async Task<IActionResult> Assess([FromODataUri] Guid key, ODataActionParameters parameters, ODataQueryOptions<T> options,
        CancellationToken cancellationToken)
    {
        var (entry, failure) = await FindForWriteAsync(key, options, cancellationToken, ifMatchRequired: false);
        if (failure is not null)
        {
            return failure;
        }

        var actor = Caller;
        var scores = (parameters?.GetValueOrDefault("Scores") as IEnumerable<AssessmentScore> ?? [])
            .Select(s => new ScoreInput(s?.Criterion, s?.Score, s?.Comment)).ToList();
        var input = new AssessmentInput(scores, parameters?.GetValueOrDefault("EvidenceLevel") as string, parameters?.GetValueOrDefault("Comment") as string);
        var open = actor.Id is null ? null
            : await db.Assessments.FirstOrDefaultAsync(a => a.EntryId == key && a.SealedAt == null && a.CuratorId == actor.Id, cancellationToken);
        var who = AuditActor.From(User);
        Assessment assessment;
        try
        {
            assessment = AssessmentRules.Record(entry!, actor, who.Name, await AssessmentRubric.LoadAsync(db, cancellationToken), input, open, DateTimeOffset.UtcNow);
        }
        catch (EntryStateException refusal)
        {
            return ApiErrors.Refused(refusal);
        }
        catch (EntryRuleException invalid)
        {
            return ApiErrors.Validation(invalid.Violations);
        }

        if (open is null)
        {
            db.Add(assessment);
        }

        db.Audit(who, AuditActions.EntryAssess, entry!, details: new
        {
            assessment = assessment.Id,
            version = assessment.EntryVersion,
            evidence = assessment.EvidenceLevel.ToString(),
            scores = assessment.Scores.ToDictionary(s => s.Criterion, s => s.Score),
        });
        return await SaveAsync(() => Ok(assessment), cancellationToken);
    }

    /// <summary>A curator or admin marks a published entry as no longer deployed, with an optional note.</summary>
    [HttpPost]
    [Authorize(Policy = ApiPolicies.Curate)]
    public Task<IActionResult> Retire([FromODataUri] Guid key, ODataActionParameters parameters, ODataQueryOptions<T> options,
        CancellationToken cancellationToken)
    {
        var note = parameters?.GetValueOrDefault("Note") as string;
        return MoveAsync(key, options, (entry, actor, now) => EntryWorkflow.Retire(entry, actor, now, note), cancellationToken);
    }

    /// <summary>One workflow move: the workflow decides and changes the state; this translates its answer.</summary>
    private Task<IActionResult> MoveAsync(Guid key, ODataQueryOptions<T> options, Func<Entry, Actor, DateTimeOffset, EntryTransition> move,
        CancellationToken cancellationToken) =>
        MoveAsync(key, options, (entry, actor, now) =>
        {
            db.Audit(AuditActor.From(User), move(entry, actor, now), entry);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>A move that adds its own audit record (the decision, with its round's scores).</summary>
    private async Task<IActionResult> MoveAsync(Guid key, ODataQueryOptions<T> options, Func<Entry, Actor, DateTimeOffset, Task> move,
        CancellationToken cancellationToken)
    {
        var (entry, failure) = await FindForWriteAsync(key, options, cancellationToken, ifMatchRequired: false);
        if (failure is not null)
        {
            return failure;
        }

        try
        {
            // Saved with the move itself, so every action routed through here (and only a move that happened) is audited.
            await move(entry!, Caller, DateTimeOffset.UtcNow);
        }
        catch (EntryStateException refusal)
        {
            return ApiErrors.Refused(refusal);
        }
        catch (EntryRuleException incomplete)
        {
            return ApiErrors.Validation(incomplete.Violations);
        }

        return await SaveAsync(() => Ok(entry), cancellationToken);
    }

    private async Task<IActionResult> EditAsync(Guid key, ODataQueryOptions<T> options, IReadOnlyCollection<string> fields,
        Func<T, Task<List<FieldError>>> apply, CancellationToken cancellationToken)
    {
        var (entry, failure) = await FindForWriteAsync(key, options, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        try
        {
            EntryWorkflow.EnsureMayEdit(entry!, Caller, fields);
        }
        catch (EntryStateException refusal)
        {
            return ApiErrors.Refused(refusal);
        }

        var errors = await apply(entry!);
        await editor.ValidateAsync(entry!, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return ApiErrors.Validation(errors);
        }

        entry!.Version++;
        // A curator's change of tags alone is a retag; anything the owner's side changes is an edit.
        var action = EntryWorkflow.RightOf(entry, Caller) == EditRight.Full ? AuditActions.EntryEdit : AuditActions.EntryRetag;
        db.Audit(AuditActor.From(User), action, entry, details: new { fields = fields.Order(StringComparer.Ordinal).ToArray() });
        return await SaveAsync(() => Ok(entry), cancellationToken);
    }

    /// <summary>The tracked entry if the caller can see it and holds a current ETag; else the answer. The workflow decides the rest.</summary>
    private async Task<(T? Entry, IActionResult? Failure)> FindForWriteAsync(Guid key, ODataQueryOptions<T> options,
        CancellationToken cancellationToken, bool ifMatchRequired = true)
    {
        var entry = await db.Set<T>().VisibleTo(User)
            .Include(e => e.Sdgs).Include(e => e.SdgTargets).Include(e => e.Verticals).Include(e => e.Countries)
            .Include(e => e.Technologies).Include(e => e.Standards).Include(e => e.Partners)
            .FirstOrDefaultAsync(e => e.Id == key, cancellationToken);
        if (entry is null)
        {
            return (null, ApiErrors.Result(StatusCodes.Status404NotFound, "NotFound", $"No {typeof(T).Name} {key}."));
        }

        if (entry is BestPractice practice)
        {
            await db.Entry(practice).Collection(p => p.DrawsOn).LoadAsync(cancellationToken);
        }

        var stamp = ConcurrencyStamp.From(options);
        if (stamp.Missing && ifMatchRequired)
        {
            return (null, ApiErrors.Result(StatusCodes.Status428PreconditionRequired, "PreconditionRequired",
                "Send If-Match with the entry's ETag (@odata.etag) to change it; this prevents lost updates."));
        }

        if (stamp.Value is { } expected)
        {
            if (expected != entry.ConcurrencyStamp)
            {
                return (null, Stale());
            }

            // Compared again by the UPDATE itself, so an edit saved in between still fails.
            db.Entry(entry).Property(e => e.ConcurrencyStamp).OriginalValue = expected;
        }

        return (entry, null);
    }

    private async Task<IActionResult> SaveAsync(Func<IActionResult> success, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return success();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }
    }

    /// <summary>The reader's own words (unknown property, bad value, body over the size limit), never an exception dump.</summary>
    private ObjectResult InvalidBody()
    {
        var problem = ModelState.Values.SelectMany(v => v.Errors)
            .Select(e => e.Exception?.InnerException?.Message ?? e.Exception?.Message ?? e.ErrorMessage)
            .FirstOrDefault(m => !string.IsNullOrEmpty(m));
        return ApiErrors.Result(StatusCodes.Status400BadRequest, "InvalidBody",
            problem is null ? "The body is not a valid entry." : $"The body is not a valid entry: {problem}");
    }

    private static ObjectResult Stale() => ApiErrors.Result(StatusCodes.Status412PreconditionFailed, "PreconditionFailed",
        "The entry changed since your If-Match ETag was read; fetch it again and reapply your change.");
}

public sealed class UseCasesController(ApiDbContext db, EntrySearch search, EntryEditor editor, EntryCreator creator)
    : EntryControllerBase<UseCase>(db, search, editor, creator)
{
    protected override EntryKind Kind => EntryKind.UseCase;
}

public sealed class BestPracticesController(ApiDbContext db, EntrySearch search, EntryEditor editor, EntryCreator creator)
    : EntryControllerBase<BestPractice>(db, search, editor, creator)
{
    protected override EntryKind Kind => EntryKind.BestPractice;
}
