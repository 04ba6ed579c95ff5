using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Notifications;
using UseCaseHub.Core.Revalidation;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;
using UseCaseHub.Web.Curation;

namespace UseCaseHub.Web.Pages;

/// <summary>
/// A signed-in person's notifications, newest first: mark one or all read, and answer a re-validation question
/// ("still deployed?") with Confirm (Core's <see cref="Revalidation.Confirm"/>, audited) or a link to revise.
/// Every query is limited to the caller's own rows.
/// </summary>
[Authorize]
public sealed class InboxModel(HubDbContext db, WorkflowClock clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int Limit = 100;

    public IReadOnlyList<Notification> Rows { get; private set; } = [];

    /// <summary>Entries among the rows still waiting for their owners' answer (the Confirm button shows for these).</summary>
    public IReadOnlySet<Guid> AwaitingConfirmation { get; private set; } = new HashSet<Guid>();

    public int Unread { get; private set; }

    public string? Message { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Inbox.PersonOf(User) is not { } me)
        {
            return Challenge();
        }

        await LoadAsync(me, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken cancellationToken)
    {
        if (Inbox.PersonOf(User) is not { } me)
        {
            return Challenge();
        }

        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.Id == id && n.RecipientId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        if (Inbox.PersonOf(User) is not { } me)
        {
            return Challenge();
        }

        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.RecipientId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return RedirectToPage();
    }

    /// <summary>"Still deployed": the owner's side confirms a published entry; anyone else is refused by Core.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(Guid entryId, CancellationToken cancellationToken)
    {
        if (Inbox.PersonOf(User) is not { } me)
        {
            return Challenge();
        }

        var entry = await db.Entries.FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }

        try
        {
            var now = clock.GetUtcNow();
            Revalidation.Confirm(db, entry, Actor.From(User), now);
            db.Audit(AuditActor.From(User), AuditActions.EntryConfirm, entry, "Still deployed.");
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (EntryStateException refused)
        {
            db.ChangeTracker.Clear();
            Message = text["This could not be done: {0}", refused.Message];
            Response.StatusCode = StatusCodes.Status409Conflict;
            await LoadAsync(me, cancellationToken);
            return Page();
        }

        return RedirectToPage(new { done = "confirmed" });
    }

    private async Task LoadAsync(Guid me, CancellationToken cancellationToken)
    {
        Rows = await db.Notifications.AsNoTracking().Where(n => n.RecipientId == me)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Limit).ToListAsync(cancellationToken);
        Unread = await db.Notifications.CountAsync(n => n.RecipientId == me && n.ReadAt == null, cancellationToken);
        var asked = Rows.Where(n => n.Kind == AuditActions.RevalidationDue && n.EntryId is not null).Select(n => n.EntryId!.Value).Distinct().ToList();
        AwaitingConfirmation = (await db.RevalidationFlags.AsNoTracking().Where(f => asked.Contains(f.EntryId)).Select(f => f.EntryId)
            .ToListAsync(cancellationToken)).ToHashSet();
    }

    public string Sentence(Notification notification) => NotificationTexts.Sentence(text, notification);
}
