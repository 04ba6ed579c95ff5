using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace UseCaseHub.Web.Api;

/// <summary>
/// Until an authentication scheme is registered (the identity feature owns them), a write from an
/// anonymous caller would make the challenge throw, a 500; this answers the 401 itself in that case and
/// leaves challenges to the registered schemes (and their WWW-Authenticate headers) otherwise.
/// </summary>
public sealed class ApiAuthorizationResultHandler(IAuthenticationSchemeProvider schemes) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Challenged && await schemes.GetDefaultChallengeSchemeAsync() is null)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "Sign in or send a bearer token to write.");
            return;
        }

        if (authorizeResult.Forbidden && await schemes.GetDefaultForbidSchemeAsync() is null)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "Your role, organisation or token scope does not allow this.");
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
