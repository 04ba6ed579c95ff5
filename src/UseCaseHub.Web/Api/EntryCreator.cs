using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Web.Api;

/// <summary>What creating one entry came to: the saved entry, or a status, a code, a sentence and the fields at fault.</summary>
public sealed record EntryCreation(Entry? Entry, int Status, string Code, string Message, IReadOnlyList<FieldError> Errors)
{
    public bool Created => Entry is not null;

    public static EntryCreation Saved(Entry entry) => new(entry, StatusCodes.Status201Created, "Created", "", []);

    public static EntryCreation Failed(int status, string code, string message, string? field = null) =>
        new(null, status, code, message, field is null ? [] : [new FieldError(field, message, code)]);

    public static EntryCreation Invalid(IReadOnlyList<FieldError> errors) =>
        new EntryCreation(null, StatusCodes.Status400BadRequest, "ValidationFailed",
            errors.Count == 1 ? errors[0].Message : $"{errors[0].Message} ({errors.Count} problems, see details)", errors)
        { FromRules = true };

    /// <summary>The rulebook's (or the editor's) field problems, answered as the API's validation error.</summary>
    public bool FromRules { get; private init; }

    /// <summary>The answer the OData API gives for it (an OData error body).</summary>
    public Microsoft.AspNetCore.Mvc.ObjectResult ToErrorResult() => FromRules
        ? ApiErrors.Validation([.. Errors])
        : ApiErrors.Result(Status, Code, Message, Errors.Count > 0 ? Errors[0].Field : null);
}

/// <summary>
/// Creating a draft from a caller's payload, for the OData create and the bulk submission alike: who may create and for
/// which organisation is <see cref="EntryWorkflow"/>'s, the fields and tags are <see cref="EntryEditor"/>'s, the rules are
/// the rulebook's; an optional submit is the workflow's move. Every change is audited in the same save. A failure leaves
/// nothing of the entry in the context, so the next creation on the same context starts clean.
/// </summary>
public sealed class EntryCreator(ApiDbContext db, EntryEditor editor)
{
    public async Task<EntryCreation> CreateAsync<T>(T draft, Actor actor, AuditActor who, EntryKind kind, bool submit, CancellationToken cancellationToken)
        where T : Entry, new()
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        if (!EntryWorkflow.MayCreate(actor))
        {
            return EntryCreation.Failed(StatusCodes.Status403Forbidden, "NoOrganization", "A member needs an organisation (claim 'org') to create entries.");
        }

        var owner = EntryWorkflow.OwnerFor(actor, draft.OrganizationId);
        if (owner is { } org && !await db.Organizations.AnyAsync(o => o.Id == org, cancellationToken))
        {
            return EntryCreation.Failed(StatusCodes.Status400BadRequest, "ValidationFailed", $"Unknown organisation '{org}'.", nameof(Entry.OrganizationId));
        }

        // Every entry starts as a draft; only the workflow moves it on.
        var entry = new T { Id = Guid.NewGuid(), OrganizationId = owner };
        var errors = await editor.ApplyAsync(entry, draft, typeof(T).GetProperties().Select(p => p.Name).Where(EntryEditor.IsEditable), cancellationToken);
        await editor.ValidateAsync(entry, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return EntryCreation.Invalid(errors);
        }

        var now = DateTimeOffset.UtcNow;
        EntryTransition? transition = null;
        if (submit)
        {
            try
            {
                transition = EntryWorkflow.Submit(entry, actor, now);
            }
            catch (EntryStateException refusal)
            {
                return EntryCreation.Failed(StatusCodes.Status409Conflict,
                    refusal.Reason == RefusalReason.WrongState ? "InvalidState" : "NotPermitted", refusal.Message, "Status");
            }
            catch (EntryRuleException incomplete)
            {
                return EntryCreation.Invalid([.. incomplete.Violations.Select(FieldError.From)]);
            }
        }

        db.Add(entry);
        var records = new List<AuditEntry> { db.Audit(who, AuditActions.EntryCreate, entry) };
        if (transition is not null)
        {
            records.Add(db.Audit(who, transition, entry));
        }

        // Two creations at once may pick the same next identifier; the unique index refuses one, which retries.
        for (var attempt = 1; ; attempt++)
        {
            entry.Pid = await PidAllocator.NextAsync(db, kind, now, cancellationToken);
            records.ForEach(r => r.SubjectLabel = $"{entry.Pid} {entry.Title}");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return EntryCreation.Saved(entry);
            }
            // A full disk or a locked database is no identifier clash: it goes to the storage fault handler (503), unretried.
            catch (DbUpdateException exception) when (attempt < 5 && !IsStorageFault(exception))
            {
            }
            catch (DbUpdateException exception) when (!IsStorageFault(exception))
            {
                db.Entry(entry).State = EntityState.Detached;
                records.ForEach(db.Discard);
                return EntryCreation.Failed(StatusCodes.Status409Conflict, "Conflict",
                    "Another entry took the same identifier or slug at the same moment; send the request again.");
            }
        }
    }

    private static bool IsStorageFault(Exception exception) => Operations.StorageFaults.Classify(exception) != Operations.StorageFault.None;
}
