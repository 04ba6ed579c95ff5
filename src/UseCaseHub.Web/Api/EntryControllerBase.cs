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
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Web.Api;

/// <summary>
/// Reading and writing one kind of entry. Every read starts from <see cref="Visibility"/>;
/// writes need <see cref="ApiPolicies.Write"/>, the owner's organisation, and a current If-Match.
/// </summary>
[ETagActionFilter]
public abstract class EntryControllerBase<T>(ApiDbContext db, EntrySearch search, EntryEditor editor) : ODataController
    where T : Entry, new()
{
    protected abstract EntryKind Kind { get; }

    private IQueryable<T> Visible => db.Set<T>().AsNoTracking().VisibleTo(User);

    // ActionResult<IQueryable<T>> (not Ok(query)) declares the type, so $apply's grouped rows are still written as OData.
    [HubQuery(SupportsSearch = true)]
    public async Task<ActionResult<IQueryable<T>>> Get(CancellationToken cancellationToken)
    {
        return new ActionResult<IQueryable<T>>(await search.ApplyAsync(Visible, Request, cancellationToken));
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

        var owner = EntryEditor.OwnerFor(User, draft.OrganizationId);
        if (owner is { } org && !await db.Organizations.AnyAsync(o => o.Id == org, cancellationToken))
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, "ValidationFailed", $"Unknown organisation '{org}'.", nameof(Entry.OrganizationId));
        }

        if (owner is null && !Visibility.SeesEverything(User))
        {
            return ApiErrors.Result(StatusCodes.Status403Forbidden, "NoOrganization", "A member needs an organisation (claim 'org') to create entries.");
        }

        var entry = new T { Id = Guid.NewGuid(), OrganizationId = owner, Status = EntryStatus.Draft };
        var errors = await editor.ApplyAsync(entry, draft, typeof(T).GetProperties().Select(p => p.Name).Where(EntryEditor.IsEditable), cancellationToken);
        await editor.ValidateAsync(entry, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return ApiErrors.Validation(errors);
        }

        db.Add(entry);
        // Two creations at once may pick the same next identifier; the unique index refuses one, which retries.
        for (var attempt = 1; ; attempt++)
        {
            entry.Pid = await editor.NextPidAsync(Kind, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return Created(entry);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
            }
            catch (DbUpdateException)
            {
                return ApiErrors.Result(StatusCodes.Status409Conflict, "Conflict",
                    "Another entry took the same identifier or slug at the same moment; send the request again.");
            }
        }
    }

    [Authorize(Policy = ApiPolicies.Write)]
    public async Task<IActionResult> Put([FromODataUri] Guid key, [FromBody] T replacement, ODataQueryOptions<T> options, CancellationToken cancellationToken)
    {
        if (replacement is null)
        {
            return InvalidBody();
        }

        return await EditAsync(key, options, entry => editor.ApplyAsync(entry, replacement,
            typeof(T).GetProperties().Select(p => p.Name).Where(EntryEditor.IsEditable), cancellationToken), cancellationToken);
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
        return await EditAsync(key, options, entry => editor.ApplyAsync(entry, source, changed, cancellationToken), cancellationToken);
    }

    [Authorize(Policy = ApiPolicies.Write)]
    public async Task<IActionResult> Delete([FromODataUri] Guid key, ODataQueryOptions<T> options, CancellationToken cancellationToken)
    {
        var (entry, failure) = await FindForWriteAsync(key, options, [EntryStatus.Draft], cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        db.Remove(entry!);
        return await SaveAsync(() => NoContent(), cancellationToken);
    }

    [HttpPost]
    [Authorize(Policy = ApiPolicies.Write)]
    public Task<IActionResult> Submit([FromODataUri] Guid key, ODataQueryOptions<T> options, CancellationToken cancellationToken) =>
        MoveAsync(key, options, [EntryStatus.Draft, EntryStatus.Returned], EntryStatus.Submitted, cancellationToken);

    [HttpPost]
    [Authorize(Policy = ApiPolicies.Write)]
    public Task<IActionResult> Withdraw([FromODataUri] Guid key, ODataQueryOptions<T> options, CancellationToken cancellationToken) =>
        MoveAsync(key, options, [EntryStatus.Draft, EntryStatus.Submitted, EntryStatus.InReview, EntryStatus.Returned], EntryStatus.Withdrawn, cancellationToken);

    private async Task<IActionResult> MoveAsync(Guid key, ODataQueryOptions<T> options, EntryStatus[] from, EntryStatus to, CancellationToken cancellationToken)
    {
        var (entry, failure) = await FindForWriteAsync(key, options, from, cancellationToken, ifMatchRequired: false);
        if (failure is not null)
        {
            return failure;
        }

        entry!.Status = to;
        return await SaveAsync(() => Ok(entry), cancellationToken);
    }

    private async Task<IActionResult> EditAsync(Guid key, ODataQueryOptions<T> options, Func<T, Task<List<FieldError>>> apply, CancellationToken cancellationToken)
    {
        var (entry, failure) = await FindForWriteAsync(key, options, [EntryStatus.Draft, EntryStatus.Returned], cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var errors = await apply(entry!);
        await editor.ValidateAsync(entry!, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return ApiErrors.Validation(errors);
        }

        entry!.Version++;
        return await SaveAsync(() => Ok(entry), cancellationToken);
    }

    /// <summary>The tracked entry if the caller may write it in its current state with a current ETag; else the answer.</summary>
    private async Task<(T? Entry, IActionResult? Failure)> FindForWriteAsync(Guid key, ODataQueryOptions<T> options, EntryStatus[] states,
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

        if (!ApiPolicies.MayEdit(User, entry))
        {
            return (null, ApiErrors.Result(StatusCodes.Status403Forbidden, "NotYourEntry", "Members may only change their own organisation's entries."));
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

        if (!states.Contains(entry.Status))
        {
            return (null, ApiErrors.Result(StatusCodes.Status409Conflict, "InvalidState",
                $"The entry is {entry.Status}; this needs it to be {string.Join(" or ", states)}.", nameof(Entry.Status)));
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

public sealed class UseCasesController(ApiDbContext db, EntrySearch search, EntryEditor editor)
    : EntryControllerBase<UseCase>(db, search, editor)
{
    protected override EntryKind Kind => EntryKind.UseCase;
}

public sealed class BestPracticesController(ApiDbContext db, EntrySearch search, EntryEditor editor)
    : EntryControllerBase<BestPractice>(db, search, editor)
{
    protected override EntryKind Kind => EntryKind.BestPractice;
}
