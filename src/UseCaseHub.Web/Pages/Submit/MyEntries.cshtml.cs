using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Submit;

namespace UseCaseHub.Web.Pages.Submit;

/// <summary>An entry as its owners follow it: state, age and where to act on it.</summary>
public sealed record OwnEntry(Guid Id, string Pid, EntryKind Kind, string Slug, string Title, EntryStatus Status, int Version, DateTimeOffset UpdatedAt)
{
    public string PublicPath => $"/{Kind.UrlSegment()}/{Slug}";
}

/// <summary>
/// The signed-in member's organisation's entries in every state. Curators and admins, who belong to no organisation
/// here, see the entries no organisation owns (the hub's own, which they write).
/// </summary>
[Authorize(Policy = SubmitExtensions.SubmitterPolicy)]
public sealed class MyEntriesModel(HubDbContext db) : PageModel
{
    public IReadOnlyList<OwnEntry> Entries { get; private set; } = [];
    public Organization? Organization { get; private set; }
    public string? Done { get; private set; }
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Done = done;
        var actor = Actor.From(User);
        var organization = actor.IsMember ? actor.Organization : null;
        Organization = organization is { } id ? await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken) : null;
        // The one visibility rule first, then the owner: what is listed is never more than the caller may see.
        var rows = await db.Entries.AsNoTracking().VisibleTo(actor.Audience)
            .Where(e => e.OrganizationId == organization)
            .OrderByDescending(e => e.UpdatedAt)
            .Select(e => new { e.Id, e.Pid, Type = EF.Property<string>(e, "Type"), e.Slug, e.Title, e.Status, e.Version, e.UpdatedAt })
            .ToListAsync(cancellationToken);
        Entries = [.. rows.Select(e => new OwnEntry(e.Id, e.Pid, Enum.Parse<EntryKind>(e.Type), e.Slug, e.Title, e.Status, e.Version, e.UpdatedAt))];
    }
}
