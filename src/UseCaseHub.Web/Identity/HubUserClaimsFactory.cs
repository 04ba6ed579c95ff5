using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Accounts;

namespace UseCaseHub.Web.Identity;

/// <summary>The site cookie carries the organisation too, so cookie and token principals read the same way.</summary>
internal sealed class HubUserClaimsFactory(
    UserManager<HubUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<HubUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HubUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.OrganizationId is { } organization)
        {
            identity.AddClaim(new Claim(HubClaims.Organization, organization.ToString()));
        }

        if (!string.IsNullOrEmpty(user.DisplayName))
        {
            identity.AddClaim(new Claim(AccountClaims.DisplayName, user.DisplayName));
        }

        return identity;
    }
}
