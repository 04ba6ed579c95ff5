using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using UseCaseHub.Core.Access;

namespace UseCaseHub.Web.Api;

/// <summary>
/// Who may write through the API. Reading is anonymous (the visibility rule decides what is seen).
/// Writing needs a Member, Curator or Admin; a principal that came from a bearer token carries
/// <c>scope</c> claims (one per value) and then also needs <see cref="WriteScope"/>.
/// </summary>
public static class ApiPolicies
{
    public const string Write = "Api.Write";
    public const string WriteScope = Identity.HubScopes.Write;
    public const string ScopeClaim = "scope";

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(Write, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole(HubRoles.All)
            .RequireAssertion(c => HasWriteScope(c.User)));
    }

    /// <summary>Cookie sign-ins carry no scopes; a token must have been granted the write scope.</summary>
    public static bool HasWriteScope(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var scopes = user.FindAll(ScopeClaim).ToList();
        return scopes.Count == 0 || scopes.Any(s => s.Value == WriteScope);
    }
}
