using System.Security.Claims;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Core.Access;

/// <summary>The most powerful hub role an actor holds: what the workflow's rules are written against.</summary>
public enum ActorRole
{
    Anonymous,

    /// <summary>Signed in, but with no hub role (or a member without an organisation): may read only.</summary>
    None,
    Member,
    Curator,
    Admin,
}

/// <summary>
/// Who acts, described without ASP.NET types so the workflow and the rulebook can be called from any door
/// (API, site forms, operator commands, tests). Built from a <see cref="ClaimsPrincipal"/> in one place,
/// <see cref="From"/>.
/// </summary>
public sealed record Actor(ActorRole Role, Guid? Organization = null, string? Id = null)
{
    public static Actor Anonymous { get; } = new(ActorRole.Anonymous);

    public static Actor MemberOf(Guid organization, string? id = null) => new(ActorRole.Member, organization, id);

    public static Actor Curator { get; } = new(ActorRole.Curator);

    public static Actor Admin { get; } = new(ActorRole.Admin);

    public bool IsMember => Role == ActorRole.Member && Organization is not null;

    public bool IsCurator => Role == ActorRole.Curator;

    public bool IsAdmin => Role == ActorRole.Admin;

    /// <summary>Curators and admins see every entry in every state.</summary>
    public bool SeesEverything => Role is ActorRole.Curator or ActorRole.Admin;

    /// <summary>What this actor may see, as the visibility rule and the search engines take it.</summary>
    public SearchAudience Audience =>
        SeesEverything ? SearchAudience.Everyone : IsMember ? new SearchAudience(false, Organization) : SearchAudience.Public;

    /// <summary>A member acting for the entry's owning organisation.</summary>
    public bool IsOwnerOf(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return IsMember && entry.OrganizationId == Organization;
    }

    /// <summary>The actor as the entry sees it, for messages: "a member of another organisation".</summary>
    public string DescribeFor(Entry entry) => Role switch
    {
        ActorRole.Anonymous => "an anonymous caller",
        ActorRole.None => "a signed-in caller with no hub role",
        ActorRole.Member when IsOwnerOf(entry) => "a member of the owning organisation",
        ActorRole.Member when Organization is null => "a member without an organisation",
        ActorRole.Member => "a member of another organisation",
        ActorRole.Curator => "a curator",
        _ => "an admin",
    };

    /// <summary>The one reading of roles and the organisation claim from a signed-in user or token.</summary>
    public static Actor From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub");
        if (user.IsInRole(HubRoles.Admin))
        {
            return new(ActorRole.Admin, null, id);
        }

        if (user.IsInRole(HubRoles.Curator))
        {
            return new(ActorRole.Curator, null, id);
        }

        if (user.IsInRole(HubRoles.Member))
        {
            // A member acts for one organisation; without the claim it can neither see drafts nor write.
            return Guid.TryParse(user.FindFirstValue(HubClaims.Organization), out var org)
                ? new(ActorRole.Member, org, id)
                : new(ActorRole.Member, null, id);
        }

        return new(ActorRole.None, null, id);
    }
}
