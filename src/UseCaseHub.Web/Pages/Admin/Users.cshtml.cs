using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Pages.Admin;

/// <summary>Find people, grant and revoke roles, attach them to an organisation.</summary>
public sealed class UsersModel(UserManager<HubUser> users, HubDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    public static readonly string[] AllRoles = HubRoles.All;

    public sealed record UserRow(Guid Id, string? Email, bool EmailConfirmed, string DisplayName, Guid? OrganizationId,
        string? OrganizationName, string? RequestedOrganization, IList<string> Roles);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public List<UserRow> Users { get; private set; } = [];

    /// <summary>Why the last change was refused, shown once after the redirect.</summary>
    [TempData]
    public string? Refusal { get; set; }

    private List<(Guid Id, string Name)> _organizations = [];

    public IEnumerable<SelectListItem> OrganizationItems(Guid? selected) =>
        _organizations.Select(o => new SelectListItem(o.Name, o.Id.ToString(), o.Id == selected));

    public async Task OnGetAsync()
    {
        var query = db.Users.AsNoTracking();
        // LIKE ignores case on SQLite but not on PostgreSQL: compare upper-cased on both, so both answer alike.
        if (LikePattern.Contains(Q) is { } pattern)
        {
#pragma warning disable CA1304, CA1311 // translated to SQL upper(), never run in .NET
            query = query.Where(u => EF.Functions.Like(u.Email!.ToUpper(), pattern, LikePattern.Escape) || EF.Functions.Like(u.DisplayName.ToUpper(), pattern, LikePattern.Escape));
#pragma warning restore CA1304, CA1311
        }

        var found = await query.OrderBy(u => u.Email).Take(50)
            .Select(u => new { u.Id, u.Email, u.EmailConfirmed, u.DisplayName, u.OrganizationId, Organization = u.Organization!.Name, u.RequestedOrganization })
            .ToListAsync();
        var ids = found.Select(u => u.Id).ToList();
        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where ids.Contains(userRole.UserId)
                           select new { userRole.UserId, role.Name }).ToListAsync();
        Users = [.. found.Select(u => new UserRow(u.Id, u.Email, u.EmailConfirmed, u.DisplayName, u.OrganizationId, u.Organization,
            u.RequestedOrganization, [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal)]))];
        _organizations = [.. (await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync())
            .Select(o => (o.Id, o.Name))];
    }

    public async Task<IActionResult> OnPostGrantAsync(Guid userId, string role)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !AllRoles.Contains(role))
        {
            return NotFound();
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            // Added before the change so Identity's save writes both; taken back if Identity refuses.
            var record = db.Audit(AuditActor.From(User), AuditActions.RoleGrant, user, details: new { role });
            if (!(await users.AddToRoleAsync(user, role)).Succeeded)
            {
                db.Discard(record);
            }

            await users.UpdateSecurityStampAsync(user);
        }

        return RedirectToPage(new { Q });
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid userId, string role)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !AllRoles.Contains(role))
        {
            return NotFound();
        }

        if (await AdminRoles.WouldRemoveLastAdminAsync(users, user, role))
        {
            Refusal = text["{0} is the last administrator: grant Admin to someone else first.", user.Email ?? user.DisplayName];
            return RedirectToPage(new { Q });
        }

        var record = db.Audit(AuditActor.From(User), AuditActions.RoleRevoke, user, details: new { role });
        if (!(await users.RemoveFromRoleAsync(user, role)).Succeeded)
        {
            db.Discard(record); // e.g. the person did not hold the role: nothing changed, nothing to record
        }

        // A new stamp makes the person's cookie re-read its roles at the next validation.
        await users.UpdateSecurityStampAsync(user);
        return RedirectToPage(new { Q });
    }

    public async Task<IActionResult> OnPostOrganizationAsync(Guid userId, Guid? organizationId)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || (organizationId is { } id && !await db.Organizations.AnyAsync(o => o.Id == id)))
        {
            return NotFound();
        }

        if (user.OrganizationId != organizationId)
        {
            var names = await db.Organizations.Where(o => o.Id == user.OrganizationId || o.Id == organizationId).ToDictionaryAsync(o => o.Id, o => o.Name);
            db.Audit(AuditActor.From(User), AuditActions.MembershipChange, user, details: new
            {
                from = user.OrganizationId is { } old ? names.GetValueOrDefault(old) : null,
                to = organizationId is { } chosen ? names.GetValueOrDefault(chosen) : null,
            });
        }

        user.OrganizationId = organizationId;
        user.RequestedOrganization = null;
        await users.UpdateAsync(user);
        if (organizationId is not null && !await users.IsInRoleAsync(user, HubRoles.Member))
        {
            await users.AddToRoleAsync(user, HubRoles.Member);
        }

        return RedirectToPage(new { Q });
    }
}
