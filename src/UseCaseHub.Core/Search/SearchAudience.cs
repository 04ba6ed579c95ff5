using System.Security.Claims;
using UseCaseHub.Core.Access;

namespace UseCaseHub.Core.Search;

/// <summary>
/// Who is searching, reduced to what the visibility rule needs, so search applies the same rule as
/// <see cref="Visibility"/>: published only; plus one organisation's entries; or everything.
/// </summary>
public sealed record SearchAudience(bool SeesEverything, Guid? Organization)
{
    public static SearchAudience Public { get; } = new(false, null);

    public static SearchAudience Everyone { get; } = new(true, null);

    public static SearchAudience Of(ClaimsPrincipal? user)
    {
        if (user is null || user.Identity?.IsAuthenticated != true)
        {
            return Public;
        }

        if (Visibility.SeesEverything(user))
        {
            return Everyone;
        }

        return user.IsInRole(HubRoles.Member) && Visibility.OrganizationOf(user) is { } org ? new(false, org) : Public;
    }
}
