using System.Security.Claims;
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Access;

/// <summary>
/// Who sees which entries, in one place so that every way in (site, OData, $count, $expand, $apply,
/// search) applies the same rule: anonymous callers see published entries; a member also sees its
/// own organisation's entries in any state; curators and admins see everything.
/// </summary>
public static class Visibility
{
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> entries, ClaimsPrincipal? user)
        where T : Entry
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (user is null || user.Identity?.IsAuthenticated != true)
        {
            return entries.Where(e => e.Status == EntryStatus.Published);
        }

        if (user.IsInRole(HubRoles.Curator) || user.IsInRole(HubRoles.Admin))
        {
            return entries;
        }

        var organization = OrganizationOf(user);
        return organization is { } id && user.IsInRole(HubRoles.Member)
            ? entries.Where(e => e.Status == EntryStatus.Published || e.OrganizationId == id)
            : entries.Where(e => e.Status == EntryStatus.Published);
    }

    public static Guid? OrganizationOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue(HubClaims.Organization), out var id) ? id : null;
    }
}
