using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UseCaseHub.Web.Identity;

/// <summary>Builds the identities the OpenID Connect server turns into tokens, for people and for machine clients.</summary>
public static class AccountClaims
{
    /// <summary>The person's display name in the site cookie (the cookie's name claim is the login).</summary>
    public const string DisplayName = "display_name";

    public static async Task<ClaimsIdentity> ForUserAsync(HubUser user, UserManager<HubUser> users, ImmutableArray<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(users);
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Name, string.IsNullOrEmpty(user.DisplayName) ? user.UserName : user.DisplayName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.EmailVerified, user.EmailConfirmed)
            .SetClaim(HubClaims.Organization, user.OrganizationId?.ToString())
            .SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);
        return Finish(identity, scopes);
    }

    /// <summary>A client-credentials client acts as a member of one organisation.</summary>
    public static ClaimsIdentity ForClient(string clientId, string? name, Guid? organization, ImmutableArray<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, name ?? clientId)
            .SetClaim(HubClaims.Organization, organization?.ToString())
            .SetClaims(Claims.Role, organization is null ? [] : [HubRoles.Member]);
        return Finish(identity, scopes);
    }

    private static ClaimsIdentity NewIdentity() => new(
        authenticationType: "UseCaseHub", nameType: Claims.Name, roleType: Claims.Role);

    private static ClaimsIdentity Finish(ClaimsIdentity identity, ImmutableArray<string> scopes)
    {
        identity.SetScopes(scopes);
        if (scopes.Any(s => HubScopes.Api.Contains(s)))
        {
            identity.SetResources(HubScopes.ApiResource);
        }

        identity.SetDestinations(claim => DestinationsOf(claim, identity));
        return identity;
    }

    private static IEnumerable<string> DestinationsOf(Claim claim, ClaimsIdentity identity)
    {
        // The API needs roles and organisation in every access token; the id token only gets what the scopes granted.
        switch (claim.Type)
        {
            case Claims.Name:
                yield return Destinations.AccessToken;
                if (identity.HasScope(Scopes.Profile))
                {
                    yield return Destinations.IdentityToken;
                }

                yield break;
            case Claims.Email or Claims.EmailVerified:
                if (identity.HasScope(Scopes.Email))
                {
                    yield return Destinations.AccessToken;
                    yield return Destinations.IdentityToken;
                }

                yield break;
            case Claims.Role or HubClaims.Organization:
                yield return Destinations.AccessToken;
                if (identity.HasScope(Scopes.Roles) || identity.HasScope(Scopes.Profile))
                {
                    yield return Destinations.IdentityToken;
                }

                yield break;
            default:
                yield return Destinations.AccessToken;
                yield break;
        }
    }
}
