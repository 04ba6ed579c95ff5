using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using UseCaseHub.Web.Errors;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Security;

/// <summary>
/// Cross-site request forgery defence for the API: a write (POST, PUT, PATCH, DELETE on /odata or /api) carried by the
/// site's sign-in cookie needs the antiforgery header and, when the browser names an Origin, this site's own.
/// Bearer tokens are not sent by browsers on their own, so bearer calls are left alone. SameSite=Lax alone let a
/// foreign page's form post the body-less Submit and Withdraw actions.
/// </summary>
public static class ApiCsrf
{
    public const string HeaderName = "X-CSRF-TOKEN";

    /// <summary>Where the site's own scripts get a token (and the antiforgery cookie it pairs with).</summary>
    public const string TokenPath = "/api/antiforgery";

    public static IServiceCollection AddHubApiCsrf(this IServiceCollection services)
    {
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = HeaderName;
            // The security headers send X-Frame-Options DENY on every response.
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        return services;
    }

    /// <summary>After authentication: only then is it known whether the cookie carried the request.</summary>
    public static WebApplication UseHubApiCsrf(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.IsApiPath() && IsUnsafe(c.Request.Method), api => api.Use(CheckAsync));
        return app;
    }

    public static WebApplication MapHubApiCsrf(this WebApplication app)
    {
        app.MapGet(TokenPath, (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return Results.Json(new { headerName = tokens.HeaderName, token = tokens.RequestToken });
        });
        return app;
    }

    private static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    private static async Task CheckAsync(HttpContext context, RequestDelegate next)
    {
        var ticket = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket;
        if (ticket?.AuthenticationScheme != IdentityConstants.ApplicationScheme)
        {
            await next(context);
            return;
        }

        string? origin = context.Request.Headers.Origin;
        if (!string.IsNullOrEmpty(origin) && !IsOwnOrigin(context, origin))
        {
            await RefuseAsync(context, "OriginMismatch",
                $"The request's Origin ({origin}) is not this site: a signed-in browser may write only from the hub's own pages.");
            return;
        }

        if (string.IsNullOrEmpty(context.Request.Headers[HeaderName]))
        {
            await RefuseAsync(context, "AntiforgeryTokenMissing",
                $"Writes made with the site's sign-in cookie need the {HeaderName} header (a token from GET {TokenPath}); API clients use bearer tokens.");
            return;
        }

        if (!await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            await RefuseAsync(context, "AntiforgeryTokenInvalid",
                $"The {HeaderName} header does not match this browser's session: get a fresh token from GET {TokenPath}.");
            return;
        }

        await next(context);
    }

    /// <summary>
    /// The hub's own address, by the one rule every absolute link uses (<see cref="SiteOptions.PublicBaseFor"/>): the
    /// configured public address (required outside Development), else the address the browser used.
    /// </summary>
    private static bool IsOwnOrigin(HttpContext context, string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var claimed)
        && SameOrigin(claimed, context.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.PublicBaseFor(context.Request));

    private static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static Task RefuseAsync(HttpContext context, string code, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Cross-site request refused",
            Detail = detail,
            Extensions = { ["code"] = code },
        };
        ProblemText.Localize(context, problem);
        return context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }
}
