using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Web.Identity;

/// <summary>Accounts, the OpenID Connect server, trusted external authorities, keys, mail and rate limits.</summary>
public sealed class HubIdentityOptions
{
    public const string Section = "Identity";

    /// <summary>The issuer the server writes in its tokens; empty means the request's own address.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>Access tokens are encrypted (readable only by this hub) unless turned off for third-party resource servers.</summary>
    public bool EncryptAccessTokens { get; set; } = true;

    [Range(1, 24 * 60)]
    public int AccessTokenMinutes { get; set; } = 60;

    public IdentityKeysOptions Keys { get; set; } = new();

    public ExternalAuthorityOptions External { get; set; } = new();

    public DemoOptions Demo { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>
    /// Behind a TLS-terminating proxy: read the scheme and client address from X-Forwarded-Proto/-For, so the
    /// server's HTTPS requirement and the per-address rate limits see the real request.
    /// </summary>
    public bool TrustForwardedHeaders { get; set; }

    /// <summary>
    /// The proxies whose forwarded headers are believed (CIDR ranges or single addresses): a request from any other address
    /// keeps its own. Required with <see cref="TrustForwardedHeaders"/> outside Development and Testing; there, an empty
    /// list believes every sender (only safe when the proxy is the only way in).
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>How many proxies' entries of X-Forwarded-For are read, from the right (one proxy in front: 1).</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>PBKDF2 iterations for password hashes; only tests lower it.</summary>
    [Range(1_000, 10_000_000)]
    public int PasswordHashIterations { get; set; } = 100_000;
}

public sealed class IdentityKeysOptions
{
    /// <summary>
    /// Where the data-protection key ring lives: <c>Files</c> (<see cref="DataProtectionPath"/>, shared between hosts
    /// as a folder) or <c>Database</c> (the store's DataProtectionKeys table: hosts share nothing on disk).
    /// </summary>
    public KeyRingStore Store { get; set; } = KeyRingStore.Files;

    /// <summary>A PKCS#12 file holding the token signing certificate; empty means one generated once into the data directory.</summary>
    public string? SigningCertificatePath { get; set; }

    /// <summary>A PKCS#12 file holding the token encryption certificate; empty means one generated once into the data directory.</summary>
    public string? EncryptionCertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Where data-protection keys (cookies, antiforgery, reset links) live; empty means data/keys/data-protection. Share it between hosts.</summary>
    public string? DataProtectionPath { get; set; }

    /// <summary>A PKCS#12 file whose certificate encrypts the data-protection keys at rest; required outside Development and Testing.</summary>
    public string? DataProtectionCertificatePath { get; set; }

    public string? DataProtectionCertificatePassword { get; set; }
}

public enum KeyRingStore
{
    Files,
    Database,
}

/// <summary>An organisation's own OpenID Connect authority (Keycloak, Entra ID, Duende...) whose access tokens the API accepts.</summary>
public sealed class ExternalAuthorityOptions
{
    /// <summary>Base address of the authority (its discovery document lives below it); empty turns external tokens off.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The audience the hub expects in external tokens.</summary>
    public string Audience { get; set; } = HubScopes.ApiResource;

    /// <summary>The claim carrying roles in external tokens (e.g. <c>roles</c> for Entra ID).</summary>
    public string RoleClaimType { get; set; } = "role";

    /// <summary>
    /// External role value to hub role (Member, Curator, Admin). The only way an external role becomes a hub role:
    /// an unmapped value (even one spelt like a hub role, e.g. <c>admin</c>) gives none.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];

    /// <summary>The claim carrying the organisation (a hub organisation id or slug).</summary>
    public string OrganizationClaimType { get; set; } = "org";

    /// <summary>
    /// Hub organisations (ids or slugs) this authority may speak for; an organisation claim naming any other is
    /// ignored. Empty: the authority's organisation claims are never accepted.
    /// </summary>
    public List<string> AllowedOrganizations { get; set; } = [];

    /// <summary>
    /// Site sign-in links to (or opens) the account with the authority's email only when the authority says
    /// <c>email_verified: true</c>. Turn off only for an authority that verifies every address but omits the claim.
    /// </summary>
    public bool RequireVerifiedEmail { get; set; } = true;

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The hub's client id at the authority; set it (and the secret) to offer "sign in with" on the site.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The button's text on the sign-in page.</summary>
    public string DisplayName { get; set; } = "Organisation account";

    /// <summary>Scopes the site asks the authority for.</summary>
    public string SiteScopes { get; set; } = "openid profile email";

    public bool Enabled => Authority is not null;

    public bool SiteSignInEnabled => Enabled && !string.IsNullOrWhiteSpace(ClientId);

    private static readonly string[] HubRoleNames = Core.Access.HubRoles.All;

    /// <summary>The hub role an external role value stands for, through <see cref="RoleMap"/> only; null when none.</summary>
    public string? HubRoleFor(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return RoleMap.TryGetValue(value, out var mapped)
            ? HubRoleNames.FirstOrDefault(r => string.Equals(r, mapped, StringComparison.OrdinalIgnoreCase))
            : null;
    }

    /// <summary>Whether the organisation (found in the store from the claim) is on <see cref="AllowedOrganizations"/>.</summary>
    public bool MaySpeakFor(Guid id, string slug) =>
        AllowedOrganizations.Any(a => string.Equals(a.Trim(), id.ToString(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(a.Trim(), slug, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the authority vouched for the email address (the <c>email_verified</c> claim is true), or need not.</summary>
    public bool VouchesForEmail(System.Security.Claims.ClaimsPrincipal external)
    {
        ArgumentNullException.ThrowIfNull(external);
        return !RequireVerifiedEmail
            || (bool.TryParse(external.FindFirst("email_verified")?.Value, out var verified) && verified);
    }
}

public sealed class DemoOptions
{
    /// <summary>Creates demo accounts and a demo API client on start; refused outside Development and Testing.</summary>
    public bool Enabled { get; set; }

    public string Password { get; set; } = "Demo-pass-2026";

    public string ClientSecret { get; set; } = "demo-client-secret";
}

public sealed class RateLimitOptions
{
    /// <summary>Switches every limit off (forms and tokens too): only for load tests and the test suite, never on a public host.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Searches (<c>/search</c>, <c>/api/search</c>) per signed-in person or API client, else per address, per minute.</summary>
    [Range(1, 1_000_000)]
    public int SearchRequestsPerMinute { get; set; } = 300;

    /// <summary>"Download for offline" (<c>/search/offline</c> and its zip) per client per minute: a page and its download are two.</summary>
    [Range(1, 1_000_000)]
    public int OfflineRequestsPerMinute { get; set; } = 20;

    /// <summary>Suggestions (<c>/api/suggest</c>, asked as people type) per client per minute.</summary>
    [Range(1, 1_000_000)]
    public int SuggestRequestsPerMinute { get; set; } = 600;

    /// <summary>OData reads per client per minute; a spreadsheet refresh follows many next-page links quickly.</summary>
    [Range(1, 1_000_000)]
    public int ODataReadsPerMinute { get; set; } = 1200;

    /// <summary>Writes (POST, PUT, PATCH, DELETE on <c>/odata</c> and <c>/api</c>) per client per minute.</summary>
    [Range(1, 1_000_000)]
    public int WritesPerMinute { get; set; } = 120;

    /// <summary>Posts to sign-in, registration and password forms per client address per minute.</summary>
    [Range(1, 100_000)]
    public int FormPostsPerMinute { get; set; } = 10;

    /// <summary>Token requests per client address per minute.</summary>
    [Range(1, 100_000)]
    public int TokenRequestsPerMinute { get; set; } = 60;
}
