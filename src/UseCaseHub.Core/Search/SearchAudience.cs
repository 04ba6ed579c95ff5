using System.Security.Claims;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Search;

/// <summary>
/// Who is searching, reduced to what the visibility rule needs, so search applies the same rule as
/// <see cref="Visibility"/>: the public statuses only; plus one organisation's entries; or everything.
/// </summary>
public sealed record SearchAudience(bool SeesEverything, Guid? Organization)
{
    public static SearchAudience Public { get; } = new(false, null);

    public static SearchAudience Everyone { get; } = new(true, null);

    /// <summary>The statuses this audience sees in every organisation (engines index the status by name).</summary>
    public static IReadOnlyList<EntryStatus> PublicStatuses => EntryStatuses.Public;

    public static SearchAudience Of(ClaimsPrincipal? user) => Actor.From(user).Audience;
}
