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
        // The site sign-in's principal has no "iss" claim (the OpenID Connect handler drops it), but each of its
        // claims names the authority as its issuer: it must never be read as one of this server's own principals.
        var fromExternal = external.Enabled
            && source.HasClaim(c => (c.Type == "iss" && SameIssuer(c.Value, external.Authority!)) || SameIssuer(c.Issuer, external.Authority!));
        return await NormalizeAsync(source, fromExternal);
    }

    /// <summary>
    /// The principal of a site sign-in through the external authority, in the hub's shape: roles only through the
    /// role map, the organisation only from the allow-list. A principal already normalised is returned as it is.
    /// </summary>
    public async Task<ClaimsPrincipal> FromExternalAuthorityAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var source = principal.Identities.FirstOrDefault(i => i.IsAuthenticated);
        return source is null || source.AuthenticationType is AuthenticationType ? principal : await NormalizeAsync(source, fromExternal: true);
    }

    private async Task<ClaimsPrincipal> NormalizeAsync(ClaimsIdentity source, bool fromExternal)
    {
        var external = options.Value.External;
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

        var claimed = source.FindFirst(organizationType)?.Value;
        if (await (fromExternal ? ExternalOrganizationAsync(claimed, external) : OrganizationAsync(claimed)) is { } organization)
        {
            claims.Add(new Claim(HubClaims.Organization, organization.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, Claims.Name, Claims.Role));
    }

    internal static bool SameIssuer(string issuer, Uri authority) =>
        string.Equals(issuer.TrimEnd('/'), authority.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static string? OwnRole(string value) => HubRoles.All.FirstOrDefault(r => string.Equals(r, value, StringComparison.Ordinal));

    /// <summary>An external authority speaks only for the organisations allowed for it, and only for ones the hub has.</summary>
    private async Task<Guid?> ExternalOrganizationAsync(string? value, ExternalAuthorityOptions external)
    {
        if (string.IsNullOrWhiteSpace(value) || external.AllowedOrganizations.Count == 0)
        {
            return null;
        }

        var slug = value.Trim().ToLowerInvariant();
        var id = Guid.TryParse(value, out var parsed) ? parsed : Guid.Empty;
        var db = services.GetRequiredService<HubDbContext>();
        var found = await db.Organizations.Where(o => o.Id == id || o.Slug == slug).Select(o => new { o.Id, o.Slug }).FirstOrDefaultAsync();
        return found is not null && external.MaySpeakFor(found.Id, found.Slug) ? found.Id : null;
    }

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
