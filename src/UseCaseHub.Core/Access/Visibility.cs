using System.Security.Claims;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Core.Access;

/// <summary>
/// Who sees which entries, in one place so that every way in (site, OData, $count, $expand, $apply,
/// search) applies the same rule: anonymous callers see published entries; a member also sees its
/// own organisation's entries in any state; curators and admins see everything.
/// </summary>
public static class Visibility
{
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> entries, ClaimsPrincipal? user)
        where T : Entry => entries.VisibleTo(SearchAudience.Of(user));

    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> entries, SearchAudience audience)
        where T : Entry
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(audience);
        if (audience.SeesEverything)
        {
            return entries;
        }

        return audience.Organization is { } id
            ? entries.Where(e => e.Status == EntryStatus.Published || e.OrganizationId == id)
            : entries.Where(e => e.Status == EntryStatus.Published);
    }

    /// <summary>Curators and admins see and edit every entry.</summary>
    public static bool SeesEverything(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(HubRoles.Curator) || user.IsInRole(HubRoles.Admin);
    }

    public static Guid? OrganizationOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue(HubClaims.Organization), out var id) ? id : null;
    }
}
