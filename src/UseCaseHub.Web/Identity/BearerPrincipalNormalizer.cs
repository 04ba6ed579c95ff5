using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Store;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UseCaseHub.Web.Identity;

/// <summary>
/// Gives every bearer principal, from this server or an external authority, one shape that authorization
/// policies can rely on: one <c>scope</c> claim per scope, <c>role</c> claims holding hub roles, and the
/// <c>org</c> claim holding a hub organisation id. Site cookies already have that shape.
/// </summary>
/// <remarks>
/// The store is resolved only when a slug has to be looked up: the transformation is created for every request,
/// and creating a database context for each anonymous search was a measurable share of its cost.
/// </remarks>
internal sealed class BearerPrincipalNormalizer(IOptions<HubIdentityOptions> options, IServiceProvider services) : IClaimsTransformation
{
    /// <summary>The authentication type of a normalised identity; also marks the work as done.</summary>
    public const string AuthenticationType = "Bearer";


    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var source = principal.Identities.FirstOrDefault(i => i.IsAuthenticated);
        if (source is null
            || source.AuthenticationType is AuthenticationType
            || source.AuthenticationType == IdentityConstants.ApplicationScheme)
        {
            return principal;
        }

        var external = options.Value.External;
        var fromExternal = external.Enabled && source.HasClaim(c => c.Type == "iss" && SameIssuer(c.Value, external.Authority!));
        var roleType = fromExternal ? external.RoleClaimType : Claims.Role;
        var organizationType = fromExternal ? external.OrganizationClaimType : HubClaims.Organization;

        var claims = new List<Claim>();
        foreach (var claim in source.Claims)
        {
            if (claim.Type is Claims.Scope or "scp" or Claims.Private.Scope
                || claim.Type == roleType || claim.Type == Claims.Role || claim.Type == organizationType || claim.Type == HubClaims.Organization)
            {
                continue;
            }

            claims.Add(new Claim(claim.Type, claim.Value, claim.ValueType, claim.Issuer));
        }

        var scopes = source.FindAll(c => c.Type is Claims.Scope or "scp" or Claims.Private.Scope)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal);
        claims.AddRange(scopes.Select(s => new Claim(Claims.Scope, s)));

        var roles = source.FindAll(roleType).Select(c => fromExternal ? external.HubRoleFor(c.Value) : OwnRole(c.Value))
            .OfType<string>().Distinct(StringComparer.Ordinal);
        claims.AddRange(roles.Select(r => new Claim(Claims.Role, r)));

        if (await OrganizationAsync(source.FindFirst(organizationType)?.Value) is { } organization)
        {
            claims.Add(new Claim(HubClaims.Organization, organization.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, Claims.Name, Claims.Role));
    }

    internal static bool SameIssuer(string issuer, Uri authority) =>
        string.Equals(issuer.TrimEnd('/'), authority.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static string? OwnRole(string value) => HubRoles.All.FirstOrDefault(r => string.Equals(r, value, StringComparison.Ordinal));

    private async Task<Guid?> OrganizationAsync(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Guid.TryParse(value, out var id))
        {
            return id;
        }

        // External authorities rarely know our ids: a slug names the organisation as well.
        var slug = value.Trim().ToLowerInvariant();
        var db = services.GetRequiredService<HubDbContext>();
        return await db.Organizations.Where(o => o.Slug == slug).Select(o => (Guid?)o.Id).FirstOrDefaultAsync();
    }
}
