using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Identity;

/// <summary>
/// Identity's EF store, except that a user id which is not a GUID finds nobody instead of throwing: ids arrive from
/// links (<c>/account/confirmemail?userId=</c>) and token subjects (a client-credentials token's subject is the client
/// id), and an outsider must get "no such user", not a 500.
/// </summary>
internal sealed class HubUserStore(HubDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<HubUser, IdentityRole<Guid>, HubDbContext, Guid>(context, describer)
{
    public override Guid ConvertIdFromString(string? id) => Guid.TryParse(id, out var guid) ? guid : Guid.Empty;
}
