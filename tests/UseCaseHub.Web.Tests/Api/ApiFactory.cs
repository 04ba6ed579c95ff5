using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Access;

namespace UseCaseHub.Web.Tests.Api;

/// <summary>
/// The host with a test authentication scheme (callers described by headers) and the stand-in search
/// engine. Identity's real schemes are not part of this feature.
/// </summary>
public class ApiFactory : HubFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication()
                .AddScheme<AuthenticationSchemeOptions, TestAuthentication>(TestAuthentication.SchemeName, null);
            // Identity sets each default explicitly; the test scheme must replace all of them.
            services.PostConfigure<AuthenticationOptions>(o =>
            {
                o.DefaultScheme = o.DefaultAuthenticateScheme = o.DefaultChallengeScheme = TestAuthentication.SchemeName;
                o.DefaultForbidScheme = o.DefaultSignInScheme = o.DefaultSignOutScheme = TestAuthentication.SchemeName;
            });
        });
    }
}

/// <summary>A caller as the test scheme reads it from X-Test-* headers; <see cref="Anonymous"/> sends none.</summary>
public sealed record Caller(string? Roles, Guid? Organization = null, string? Scopes = null, string? User = null)
{
    public static Caller Anonymous { get; } = new((string?)null);

    public static Caller Member(Guid organization, string? scopes = null) => new(HubRoles.Member, organization, scopes);

    public static Caller Curator { get; } = new(HubRoles.Curator);

    public static Caller Admin { get; } = new(HubRoles.Admin);

    public void Apply(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Roles is null)
        {
            return;
        }

        request.Headers.Add(TestAuthentication.RolesHeader, Roles);
        if (Organization is { } org)
        {
            request.Headers.Add(TestAuthentication.OrgHeader, org.ToString());
        }

        if (Scopes is not null)
        {
            request.Headers.Add(TestAuthentication.ScopesHeader, Scopes);
        }

        if (User is not null)
        {
            request.Headers.Add(TestAuthentication.UserHeader, User);
        }
    }
}

public sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string RolesHeader = "X-Test-Roles";
    public const string OrgHeader = "X-Test-Org";
    public const string ScopesHeader = "X-Test-Scopes";

    /// <summary>The caller's user id (default <c>test-user</c>), for rules about "one's own" (e.g. a curator's own assessment).</summary>
    public const string UserHeader = "X-Test-User";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(RolesHeader, out var roles))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var named = Request.Headers.TryGetValue(UserHeader, out var id);
        var user = named ? id.ToString() : "test-user";
        var claims = new List<Claim> { new("sub", user), new("name", named ? "Test user " + user : "Test user") };
        claims.AddRange(roles.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(HubClaims.Role, r.Trim())));
        if (Request.Headers.TryGetValue(OrgHeader, out var org))
        {
            claims.Add(new Claim(HubClaims.Organization, org.ToString()));
        }

        if (Request.Headers.TryGetValue(ScopesHeader, out var scopes))
        {
            // As the identity feature normalises tokens: one claim per scope value.
            claims.AddRange(scopes.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim("scope", s)));
        }

        // Without scopes the caller stands for a site sign-in (the Identity cookie); with scopes, for a bearer token.
        var type = Request.Headers.ContainsKey(ScopesHeader) ? SchemeName : Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme;
        var identity = new ClaimsIdentity(claims, type, "name", HubClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
