using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Web.Pages.Revisions;

/// <summary>
/// The entry page's "Revise" button: starts a revision of a published entry (Core decides who and when) and sends the
/// member to the submission form to edit it. A refusal is shown as a message, never a silent no-op.
/// </summary>
[Authorize]
public sealed class StartModel(HubDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    public string Message { get; private set; } = "";

    /// <summary>Only the form posts here; a plain visit finds nothing.</summary>
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var revision = await EntryRevisions.StartAsync(db, id, Actor.From(User), AuditActor.From(User), DateTimeOffset.UtcNow, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return Redirect(Url.Content($"~/submit/{revision.Id}"));
        }
        catch (EntryStateException refusal)
        {
            Message = refusal.Message;
        }
        catch (DbUpdateException exception) when (Operations.StorageFaults.Classify(exception) == Operations.StorageFault.None)
        {
            // Two clicks at once: the one-open-revision index refused the second.
            Message = text["The entry already has an open revision; continue that one."];
        }

        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
