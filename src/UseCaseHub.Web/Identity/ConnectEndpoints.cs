using System.Collections.Immutable;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace UseCaseHub.Web.Identity;

/// <summary>The parts of the OpenID Connect server that need the hub: who the user is and what a token says.</summary>
internal static class ConnectEndpoints
{
    public const string TokenRateLimit = "token";

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)AuthorizeAsync);
        endpoints.MapPost("/connect/token", TokenAsync).RequireRateLimiting(TokenRateLimit);
        endpoints.MapMethods("/connect/userinfo", ["GET", "POST"], (Delegate)UserInfoAsync);
        // GET only asks (a link or an image on any site can make a browser GET); the POST, with antiforgery, signs out.
        endpoints.MapGet("/connect/logout", LogoutForm);
        endpoints.MapPost("/connect/logout", LogoutAsync);
        endpoints.MapGet("/api/me", Me).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, UserManager<HubUser> users, SignInManager<HubUser> signIn)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal) : null;
        if (user is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(OidcErrors.LoginRequired, "The user is not signed in.");
            }

            // Back here once signed in, with the same parameters.
            var parameters = context.Request.HasFormContentType
                ? QueryString.Create(context.Request.Form.Where(p => p.Key != Parameters.Prompt))
                : QueryString.Create(context.Request.Query.Where(p => p.Key != Parameters.Prompt));
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + parameters },
                [IdentityConstants.ApplicationScheme]);
        }

        if (!await signIn.CanSignInAsync(user))
        {
            return Forbid(OidcErrors.AccessDenied, "The account cannot sign in.");
        }

        // Clients are registered by admins, so consent is implied by registration.
        var identity = await AccountClaims.ForUserAsync(user, users, request.GetScopes());
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(
        HttpContext context, UserManager<HubUser> users, SignInManager<HubUser> signIn, ClientRegistry clients)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            var client = await clients.FindAsync(request.ClientId!);
            if (client is null)
            {
                return Forbid(OidcErrors.InvalidClient, "Unknown client.");
            }

            var identity = AccountClaims.ForClient(client.ClientId, client.DisplayName, client.OrganizationId, request.GetScopes());
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // Re-read the account: a deleted, locked or demoted user gets nothing, and roles are current.
            var granted = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = granted.Principal?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
            if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
            {
                return Forbid(OidcErrors.InvalidGrant, "The account can no longer sign in.");
            }

            var identity = await AccountClaims.ForUserAsync(user, users, ScopesOf(granted.Principal!));
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(OidcErrors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context, UserManager<HubUser> users)
    {
        var token = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = token.Principal?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
        if (user is null)
        {
            return Results.Challenge(Properties(OidcErrors.InvalidToken, "The account no longer exists."),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var scopes = ScopesOf(token.Principal!);
        var claims = new Dictionary<string, object?>(StringComparer.Ordinal) { [Claims.Subject] = user.Id.ToString() };
        if (scopes.Contains(Scopes.Profile))
        {
            claims[Claims.Name] = user.DisplayName;
            claims[HubClaims.Organization] = user.OrganizationId?.ToString();
            claims["country"] = user.CountryIso2;
        }

        if (scopes.Contains(Scopes.Email))
        {
            claims[Claims.Email] = user.Email;
            claims[Claims.EmailVerified] = user.EmailConfirmed;
        }

        if (scopes.Contains(Scopes.Roles))
        {
            claims[Claims.Role] = await users.GetRolesAsync(user);
        }

        return Results.Json(claims, JsonSerializerOptions.Web);
    }

    /// <summary>A confirmation form that carries the client's end-session parameters on to the POST.</summary>
    private static IResult LogoutForm(HttpContext context, IAntiforgery antiforgery, IStringLocalizer<SharedResource> text)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = HtmlEncoder.Default;
        var fields = new StringBuilder();
        var parameters = context.GetOpenIddictServerRequest()?.GetParameters() ?? new Dictionary<string, OpenIddictParameter>();
        foreach (var (name, value) in parameters)
        {
            fields.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{html.Encode(name)}\" value=\"{html.Encode((string?)value ?? "")}\">");
        }

        context.Response.Headers.CacheControl = "no-store";
        var title = html.Encode(text["Sign out"]);
        var culture = CultureInfo.CurrentUICulture;
        // The site's stylesheet and viewport (people read this on phones too); no script, like every page.
        return Results.Content(string.Create(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{html.Encode(culture.Name)}" dir="{(culture.TextInfo.IsRightToLeft ? "rtl" : "ltr")}"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} · UseCaseHub</title>
            <link rel="stylesheet" href="/css/site.css"></head>
            <body><main class="account"><h1>{title}</h1><form method="post" action="/connect/logout">{fields}
            <input name="{html.Encode(tokens.FormFieldName)}" type="hidden" value="{html.Encode(tokens.RequestToken ?? "")}">
            <p><button type="submit">{title}</button></p></form></main></body></html>
            """), "text/html; charset=utf-8");
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>Who the API sees: proves a token (or cookie) end to end.</summary>
    private static IResult Me(ClaimsPrincipal user) => Results.Json(new
    {
        subject = user.FindFirstValue(Claims.Subject) ?? user.FindFirstValue(ClaimTypes.NameIdentifier),
        name = user.FindFirstValue(AccountClaims.DisplayName) ?? user.Identity?.Name,
        roles = user.FindAll(Claims.Role).Select(c => c.Value).ToArray(),
        organization = user.FindFirstValue(HubClaims.Organization),
        scopes = user.FindAll(Claims.Scope).Select(c => c.Value).ToArray(),
    }, JsonSerializerOptions.Web);

    /// <summary>Principals read back from codes and tokens carry their scopes as one space-separated claim or as several: read both.</summary>
    private static ImmutableArray<string> ScopesOf(ClaimsPrincipal principal) =>
        [.. principal.Claims.Where(c => c.Type is Claims.Scope or Claims.Private.Scope)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal)];

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(Properties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
