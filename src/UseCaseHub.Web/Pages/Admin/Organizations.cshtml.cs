using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Pages.Admin;

/// <summary>
/// List, create and rename organisations (their id is what tokens carry in the <c>org</c> claim), and decide on
/// registrations' requests to join or found one.
/// </summary>
public sealed class OrganizationsModel(HubDbContext db, UserManager<HubUser> users, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed record Row(Guid Id, string Slug, string Name, string? CountryIso2, int People, int Entries);

    public sealed record JoinRequest(Guid UserId, string? Email, string DisplayName, string Organization, bool Exists, DateTimeOffset CreatedAt);

    public List<Row> Organizations { get; private set; } = [];

    public List<JoinRequest> Requests { get; private set; } = [];

    /// <summary>
    /// Attaches the person to the organisation they named, founding it when it does not exist yet (marked as
    /// founded by a registration, so curated content is never attached to it), and makes them a Member.
    /// </summary>
    public async Task<IActionResult> OnPostApproveAsync(Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || user.OrganizationId is not null || string.IsNullOrWhiteSpace(user.RequestedOrganization))
        {
            return NotFound();
        }

        var organization = await db.Organizations.Named(user.RequestedOrganization).FirstOrDefaultAsync();
        var founded = organization is null;
        if (organization is null)
        {
            organization = new Organization
            {
                Id = Guid.NewGuid(),
                Slug = Slugs.From(user.RequestedOrganization),
                Name = user.RequestedOrganization.Trim(),
                CountryIso2 = user.CountryIso2,
                CreatedByRegistration = true,
            };
            // Saved with the person's update below, together with the audit row.
            db.Organizations.Add(organization);
        }

        db.Audit(AuditActor.From(User), AuditActions.OrganizationApprove, user, details: new { organization = organization.Name, founded });
        user.OrganizationId = organization.Id;
        user.RequestedOrganization = null;
        await users.UpdateAsync(user);
        if (!await users.IsInRoleAsync(user, HubRoles.Member))
        {
            await users.AddToRoleAsync(user, HubRoles.Member);
        }

        await users.UpdateSecurityStampAsync(user);
        return RedirectToPage();
    }

    /// <summary>The person keeps the account, without organisation or role.</summary>
    public async Task<IActionResult> OnPostDeclineAsync(Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || string.IsNullOrWhiteSpace(user.RequestedOrganization))
        {
            return NotFound();
        }

        db.Audit(AuditActor.From(User), AuditActions.OrganizationDecline, user, details: new { organization = user.RequestedOrganization });
        user.RequestedOrganization = null;
        await users.UpdateAsync(user);
        return RedirectToPage();
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? countryIso2)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 300)
        {
            ModelState.AddModelError("", text["A name is required."]);
        }
        else
        {
            var slug = Slugs.From(name);
            if (await db.Organizations.AnyAsync(o => o.Slug == slug))
            {
                ModelState.AddModelError("", text["An organisation with this name already exists."]);
            }
            else
            {
                var organization = new Organization { Id = Guid.NewGuid(), Slug = slug, Name = name.Trim(), CountryIso2 = Country(countryIso2) };
                db.Organizations.Add(organization);
                db.Audit(AuditActor.From(User), AuditActions.OrganizationCreate, "organization", organization.Id.ToString(), organization.Name);
                await db.SaveChangesAsync();
                return RedirectToPage();
            }
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(Guid id, string? name, string? countryIso2)
    {
        var organization = await db.Organizations.FindAsync(id);
        if (organization is null)
        {
            return NotFound();
        }

        if (!string.IsNullOrWhiteSpace(name) && name.Length <= 300)
        {
            // The slug stays: content files and links refer to it.
            db.Audit(AuditActor.From(User), AuditActions.OrganizationEdit, "organization", organization.Id.ToString(), organization.Name,
                details: new { name = name.Trim() });
            organization.Name = name.Trim();
            organization.CountryIso2 = Country(countryIso2);
            await db.SaveChangesAsync();
        }

        return RedirectToPage();
    }

    private static string? Country(string? iso2) => string.IsNullOrWhiteSpace(iso2) ? null : iso2.Trim().ToUpperInvariant()[..Math.Min(2, iso2.Trim().Length)];

    private async Task LoadAsync()
    {
        Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new Row(o.Id, o.Slug, o.Name, o.CountryIso2, db.Users.Count(u => u.OrganizationId == o.Id), o.Entries.Count))
            .ToListAsync();
        var pending = await db.Users.AsNoTracking().Where(u => u.OrganizationId == null && u.RequestedOrganization != null)
            .OrderBy(u => u.CreatedAt).Take(200)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.RequestedOrganization, u.CreatedAt }).ToListAsync();
        Requests = [.. pending.Select(u => new JoinRequest(u.Id, u.Email, u.DisplayName, u.RequestedOrganization!,
            Organizations.Any(o => o.Slug == Slugs.From(u.RequestedOrganization!) || o.Name == u.RequestedOrganization), u.CreatedAt))];
    }
}
