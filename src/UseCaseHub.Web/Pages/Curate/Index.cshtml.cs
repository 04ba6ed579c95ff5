using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Revalidation;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;
using UseCaseHub.Web.Curation;

namespace UseCaseHub.Web.Pages.Curate;

/// <summary>
/// The curators' queue: entries waiting for or under assessment (and those returned to their owners), oldest first,
/// filtered by vertical, region, SDG, state and "mine" with a plain GET form; counts per state; overdue rows marked.
/// Claim, take, release and reassign are posts that run Core's rules (<see cref="EntryWorkflow"/>,
/// <see cref="EntryAssignment"/>); a refusal is shown, never skipped.
/// </summary>
[Authorize(Policy = HubPolicies.Curator)]
public sealed class IndexModel(HubDbContext db, IOptions<WorkflowOptions> options, WorkflowClock clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int Limit = 200;

    /// <summary>The states of the queue, in the order the dashboard counts them.</summary>
    public static IReadOnlyList<EntryStatus> QueueStates { get; } = EntryAssignment.AssignableStates;

    /// <summary>States the curators owe an answer in: only these go overdue (a returned entry waits on its owners).</summary>
    public static IReadOnlyList<EntryStatus> CuratorStates { get; } = [EntryStatus.Submitted, EntryStatus.UnderAssessment];

    [BindProperty(SupportsGet = true)]
    public EntryStatus? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Vertical { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Sdg { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public string? Refusal { get; private set; }

    public IReadOnlyDictionary<EntryStatus, int> Counts { get; private set; } = new Dictionary<EntryStatus, int>();

    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];

    public IReadOnlyList<QueueRow> RevalidationOverdue { get; private set; } = [];

    public IReadOnlyList<(string Id, string Name)> Curators { get; private set; } = [];

    public IReadOnlyList<(string Slug, string Name)> Verticals { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Regions { get; private set; } = [];

    public IReadOnlyList<(int Number, string Title)> Sdgs { get; private set; } = [];

    public Actor Me { get; private set; } = Actor.Anonymous;

    public DateTimeOffset Now { get; private set; }

    public int OverdueAfterDays => options.Value.OverdueAfterDays;

    public sealed record QueueRow(Entry Entry, DateTimeOffset Since, bool Overdue, string? AssignedTo);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostClaimAsync(Guid entryId, CancellationToken cancellationToken) =>
        ActAsync(entryId, "claimed", (entry, actor, now) => db.Audit(AuditActor.From(User), EntryWorkflow.Claim(entry, actor, now), entry), cancellationToken);

    public Task<IActionResult> OnPostReleaseAsync(Guid entryId, CancellationToken cancellationToken) =>
        ActAsync(entryId, "released", (entry, actor, now) => db.Audit(AuditActor.From(User), EntryAssignment.Release(entry, actor, now), entry), cancellationToken);

    /// <summary>An admin picks the curator; a curator's "take" sends their own id.</summary>
    public async Task<IActionResult> OnPostReassignAsync(Guid entryId, Guid curatorId, CancellationToken cancellationToken)
    {
        var curator = await CuratorActorAsync(curatorId, cancellationToken);
        return await ActAsync(entryId, "reassigned",
            (entry, actor, now) => db.Audit(AuditActor.From(User), EntryAssignment.Reassign(entry, actor, curator, now), entry), cancellationToken);
    }

    private async Task<IActionResult> ActAsync(Guid entryId, string done, Action<Entry, Actor, DateTimeOffset> act, CancellationToken cancellationToken)
    {
        var entry = await db.Entries.FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }

        try
        {
            act(entry, Actor.From(User), clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (EntryStateException refused)
        {
            db.ChangeTracker.Clear();
            Refusal = text["This could not be done: {0}", refused.Message];
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Refusal = text["Someone changed this entry at the same moment: look again and retry."];
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return RedirectToPage(new { done, state = State, vertical = Vertical, region = Region, sdg = Sdg, mine = Mine ? true : (bool?)null });
    }

    /// <summary>The person picked, as the assignment rule sees them: their strongest curating role, or none.</summary>
    private async Task<Actor> CuratorActorAsync(Guid id, CancellationToken cancellationToken)
    {
        var roles = await db.UserRoles.Where(ur => ur.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync(cancellationToken);
        var role = roles.Contains(HubRoles.Admin) ? ActorRole.Admin : roles.Contains(HubRoles.Curator) ? ActorRole.Curator : ActorRole.None;
        return new Actor(role, null, id.ToString());
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Me = Actor.From(User);
        Now = clock.GetUtcNow();
        var queue = Filtered(db.Entries.AsNoTracking().Where(e => QueueStates.Contains(e.Status)));
        Counts = (await queue.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(c => c.Key, c => c.Count);
        var shown = State is { } state && QueueStates.Contains(state) ? queue.Where(e => e.Status == state) : queue;
        var entries = await shown.OrderBy(e => e.StatusChangedAt ?? e.UpdatedAt).ThenBy(e => e.Pid).Take(Limit).ToListAsync(cancellationToken);

        var overdueIds = db.RevalidationFlags.Where(f => f.OverdueAt != null).Select(f => f.EntryId);
        var stale = await Filtered(db.Entries.AsNoTracking().Where(e => e.Status == EntryStatus.Published && overdueIds.Contains(e.Id)))
            .OrderBy(e => e.LastConfirmedAt ?? e.PublishedAt).Take(Limit).ToListAsync(cancellationToken);

        var staff = await StaffAsync(cancellationToken);
        Curators = staff;
        var names = staff.ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
        var limit = TimeSpan.FromDays(OverdueAfterDays);
        Rows = [.. entries.Select(e =>
        {
            var since = e.StatusChangedAt ?? e.UpdatedAt;
            return new QueueRow(e, since, CuratorStates.Contains(e.Status) && Now - since > limit, NameOf(names, e.AssignedCuratorId));
        })];
        RevalidationOverdue = [.. stale.Select(e => new QueueRow(e, e.LastConfirmedAt ?? e.PublishedAt ?? e.CreatedAt, true, null))];

        Verticals = [.. (await db.Verticals.AsNoTracking().OrderBy(v => v.Name).Select(v => new { v.Slug, v.Name }).ToListAsync(cancellationToken)).Select(v => (v.Slug, v.Name))];
        Regions = [.. (await db.Regions.AsNoTracking().OrderBy(r => r.Level).ThenBy(r => r.Name).Select(r => new { r.Code, r.Name }).ToListAsync(cancellationToken)).Select(r => (r.Code, r.Name)),
            .. (await db.ItuRegions.AsNoTracking().OrderBy(r => r.Name).Select(r => new { r.Code, r.Name }).ToListAsync(cancellationToken)).Select(r => (r.Code, "ITU: " + r.Name))];
        Sdgs = [.. (await db.SdgGoals.AsNoTracking().OrderBy(g => g.Number).Select(g => new { g.Number, g.ShortTitle }).ToListAsync(cancellationToken)).Select(g => (g.Number, g.ShortTitle))];
    }

    private IQueryable<Entry> Filtered(IQueryable<Entry> entries)
    {
        if (!string.IsNullOrWhiteSpace(Vertical))
        {
            var vertical = Vertical.Trim();
            entries = entries.Where(e => e.Verticals.Any(v => v.Slug == vertical));
        }

        if (!string.IsNullOrWhiteSpace(Region))
        {
            var code = Region.Trim();
            entries = entries.Where(e => e.Countries.Any(c =>
                c.RegionCode == code || c.SubRegionCode == code || c.IntermediateRegionCode == code || c.ItuRegionCode == code));
        }

        if (Sdg is { } goal)
        {
            entries = entries.Where(e => e.Sdgs.Any(g => g.Number == goal));
        }

        if (Mine && Actor.From(User).Id is { } me)
        {
            entries = entries.Where(e => e.AssignedCuratorId == me);
        }

        return entries;
    }

    /// <summary>Curators and admins, who may be assigned an entry, by name.</summary>
    private async Task<List<(string Id, string Name)>> StaffAsync(CancellationToken cancellationToken)
    {
        var roles = db.Roles.Where(r => r.Name == HubRoles.Curator || r.Name == HubRoles.Admin).Select(r => r.Id);
        var ids = db.UserRoles.Where(ur => roles.Contains(ur.RoleId)).Select(ur => ur.UserId);
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        return [.. people.Select(p => (p.Id.ToString(), string.IsNullOrWhiteSpace(p.DisplayName) ? p.Email ?? p.Id.ToString() : $"{p.DisplayName} ({p.Email})"))
            .OrderBy(p => p.Item2, StringComparer.OrdinalIgnoreCase)];
    }

    private static string? NameOf(Dictionary<string, string> names, string? id) =>
        id is null ? null : names.TryGetValue(id, out var name) ? name : id;
}
