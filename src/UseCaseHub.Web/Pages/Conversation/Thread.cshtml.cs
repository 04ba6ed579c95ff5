using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Conversation;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Web.Pages.Conversation;

/// <summary>
/// The submitter's side of an entry's conversation with the curators: the thread, a form to write, the entry's state and
/// the latest decision's note. Only the owning organisation's members and curators/admins may open it
/// (<see cref="ConversationRules.MayRead"/>); anyone else gets the same 404 as for an entry that does not exist.
/// </summary>
[Authorize]
public sealed class ThreadModel(HubDbContext db) : PageModel
{
    private static readonly string[] DecisionActions =
        [AuditActions.For(EntryOperation.Publish), AuditActions.For(EntryOperation.Return), AuditActions.For(EntryOperation.Reject)];

    public Entry Entry { get; private set; } = null!;

    public IReadOnlyList<EntryMessage> Messages { get; private set; } = [];

    /// <summary>The latest decision (publish, return, reject) and its note, from the audit log.</summary>
    public AuditEntry? LatestDecision { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    public bool MayPost => ConversationRules.MayPost(Entry, Actor.From(User));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostMessageAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            var who = AuditActor.From(User);
            var message = ConversationRules.Post(Entry, Actor.From(User), who.Name, Message, DateTimeOffset.UtcNow);
            db.Add(message);
            db.Audit(who, AuditActions.EntryMessage, Entry, message.Text, new { message = message.Id, side = message.Side.ToString() });
            await db.SaveChangesAsync(cancellationToken);
            Done = "Message sent.";
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

        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        // The entry rule first (another organisation's draft does not exist for this caller), then the thread's own rule.
        var entry = await db.Entries.AsNoTracking().VisibleTo(User).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null || !ConversationRules.MayRead(entry, Actor.From(User)))
        {
            return false;
        }

        Entry = entry;
        var key = id.ToString();
        Messages = await db.EntryMessages.AsNoTracking().Where(m => m.EntryId == id).OrderBy(m => m.At).ToListAsync(cancellationToken);
        LatestDecision = await db.AuditEntries.AsNoTracking()
            .Where(a => a.SubjectType == "entry" && a.SubjectId == key && DecisionActions.Contains(a.Action))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        return true;
    }
}
