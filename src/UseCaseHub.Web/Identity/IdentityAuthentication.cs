using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Validation.AspNetCore;
using UseCaseHub.Web.Errors;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static UseCaseHub.Web.Identity.HubIdentityExtensions;

namespace UseCaseHub.Web.Identity;

/// <summary>Cookie or bearer per request; bearer from this server or the external authority; site sign-in through that authority.</summary>
internal static class IdentityAuthentication
{
    public static void AddHubAuthentication(this IServiceCollection services, HubIdentityOptions settings)
    {
        var authentication = services.AddAuthentication(options =>
        {
            options.DefaultScheme = Scheme;
            options.DefaultAuthenticateScheme = Scheme;
            options.DefaultChallengeScheme = Scheme;
            options.DefaultForbidScheme = Scheme;
        });
        // No display name: only external sign-in schemes have one, and the sign-in page lists those.
        authentication.AddPolicyScheme(Scheme, displayName: null, policy =>
            policy.ForwardDefaultSelector = context => SelectScheme(context, context.RequestServices.GetRequiredService<IOptions<HubIdentityOptions>>().Value));
        if (settings.External.Enabled)
        {
            authentication.AddJwtBearer(ExternalScheme, jwt =>
            {
                var external = settings.External;
                jwt.Authority = external.Authority!.AbsoluteUri;
                jwt.Audience = external.Audience;
                jwt.RequireHttpsMetadata = external.RequireHttpsMetadata;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.NameClaimType = Claims.Name;
                jwt.TokenValidationParameters.RoleClaimType = external.RoleClaimType;
            });
        }

        if (settings.External.SiteSignInEnabled)
        {
            authentication.AddOpenIdConnect(ExternalSiteScheme, settings.External.DisplayName, oidc =>
            {
                var external = settings.External;
                oidc.Authority = external.Authority!.AbsoluteUri;
                oidc.ClientId = external.ClientId;
                oidc.ClientSecret = external.ClientSecret;
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                oidc.RequireHttpsMetadata = external.RequireHttpsMetadata;
                oidc.SignInScheme = IdentityConstants.ExternalScheme;
                oidc.CallbackPath = "/signin-external";
                oidc.SignedOutCallbackPath = "/signout-callback-external";
                oidc.MapInboundClaims = false;
                oidc.Scope.Clear();
                foreach (var scope in external.SiteScopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    oidc.Scope.Add(scope);
                }

                oidc.TokenValidationParameters.NameClaimType = Claims.Name;
                oidc.TokenValidationParameters.RoleClaimType = external.RoleClaimType;
            });
        }
    }

    internal static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where bearer tokens count: <c>/odata</c>, <c>/api</c> and the <c>/connect</c> endpoints (userinfo and the like).</summary>
    internal static bool AcceptsBearer(PathString path) =>
        path.IsApiPath() || path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase);

    private static string SelectScheme(HttpContext context, HubIdentityOptions options)
    {
        // Bearer tokens are for machines on the API and the OpenID Connect endpoints; site pages (admin included)
        // know only the cookie, so a token stolen or issued for the API never opens them.
        if (!HasBearer(context.Request) || !AcceptsBearer(context.Request.Path))
        {
            return IdentityConstants.ApplicationScheme;
        }

        // Our own access tokens are encrypted (five parts); a signed JWT naming the external issuer goes to that authority.
        var token = context.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        if (options.External.Enabled && token.Count(c => c == '.') == 2)
        {
            try
            {
                if (BearerPrincipalNormalizer.SameIssuer(new JsonWebToken(token).Issuer, options.External.Authority!))
                {
                    return ExternalScheme;
                }
            }
            catch (ArgumentException)
            {
                // Not a JWT: let the local validation refuse it.
            }
        }

        return OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
    }
}
