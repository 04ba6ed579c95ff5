using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Curation;

/// <summary>A signed-in person's inbox: the header's unread count and the page's rows, only ever the caller's own.</summary>
public sealed class Inbox(HubDbContext db)
{
    /// <summary>The signed-in person's account id (the one reading of it: <see cref="Actor.From"/>); null for anyone else.</summary>
    public static Guid? PersonOf(ClaimsPrincipal user) =>
        Guid.TryParse(Actor.From(user).Id, out var id) ? id : null;

    public async Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        PersonOf(user) is { } id ? await db.Notifications.CountAsync(n => n.RecipientId == id && n.ReadAt == null, cancellationToken) : 0;
}
