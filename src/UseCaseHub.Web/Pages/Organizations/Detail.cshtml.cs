using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Pages.Submit;

namespace UseCaseHub.Web.Pages.Organizations;

/// <summary>
/// An organisation's page: its published entries for everyone; its members (and curators) also see its entries in
/// every other state, by the one visibility rule.
/// </summary>
public sealed class DetailModel(HubDbContext db) : PageModel
{
    public Organization Organization { get; private set; } = null!;
    public IReadOnlyList<OwnEntry> Public { get; private set; } = [];
    public IReadOnlyList<OwnEntry> Unpublished { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken) is not { } organization)
        {
            return NotFound();
        }

        Organization = organization;
        var rows = (await db.Entries.AsNoTracking().VisibleTo(Actor.From(User).Audience)
            .Where(e => e.OrganizationId == organization.Id)
            .OrderByDescending(e => e.PublishedAt).ThenByDescending(e => e.UpdatedAt)
            .Select(e => new { e.Id, e.Pid, Type = EF.Property<string>(e, "Type"), e.Slug, e.Title, e.Status, e.Version, e.UpdatedAt })
            .ToListAsync(cancellationToken))
            .Select(e => new OwnEntry(e.Id, e.Pid, Enum.Parse<EntryKind>(e.Type), e.Slug, e.Title, e.Status, e.Version, e.UpdatedAt))
            .ToList();
        Public = [.. rows.Where(e => e.Status.IsPublic())];
        Unpublished = [.. rows.Where(e => !e.Status.IsPublic())];
        return Page();
    }
}
