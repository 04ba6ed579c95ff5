using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using UseCaseHub.Core.Access;

namespace UseCaseHub.Web.Api;

/// <summary>
/// Who may write through the API. Reading is anonymous (the visibility rule decides what is seen).
/// Writing needs a Member, Curator or Admin; a principal that came from a bearer token carries
/// <c>scope</c> claims (one per value) and then also needs <see cref="WriteScope"/>. The curators' actions (claim,
/// decide, retire) need a Curator or Admin and, from a token, <see cref="CurateScope"/> as well: a token a curator
/// granted to a tool for submitting cannot decide.
/// </summary>
public static class ApiPolicies
{
    public const string Write = "Api.Write";
    public const string WriteScope = Identity.HubScopes.Write;
    public const string Curate = "Api.Curate";
    public const string CurateScope = Identity.HubScopes.Curate;
    public const string ScopeClaim = "scope";

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(Write, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole(HubRoles.All)
            .RequireAssertion(c => HasWriteScope(c.User)));
        options.AddPolicy(Curate, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole(HubRoles.Curator, HubRoles.Admin)
            .RequireAssertion(c => HasScope(c.User, WriteScope) && HasScope(c.User, CurateScope)));
    }

    /// <summary>
    /// A token (from this server or any other issuer) must carry the write scope; only the site's own sign-in cookie,
    /// which never carries scopes, writes without one. "No scope claim" is not a cookie: an external token may omit it.
    /// </summary>
    public static bool HasWriteScope(ClaimsPrincipal user) => HasScope(user, WriteScope);

    private static bool HasScope(ClaimsPrincipal user, string scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(ScopeClaim, scope) || IsSiteCookie(user);
    }

    private static bool IsSiteCookie(ClaimsPrincipal user) =>
        !user.HasClaim(c => c.Type == ScopeClaim)
        && user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == IdentityConstants.ApplicationScheme);
}
