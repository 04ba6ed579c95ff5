using System.Threading.RateLimiting;
using UseCaseHub.Web.Errors;
using static UseCaseHub.Web.Identity.HubIdentityExtensions;

namespace UseCaseHub.Web.Identity;

/// <summary>Per-address limits on the sign-in, registration and password forms (posts only) and on the token endpoint.</summary>
internal static class IdentityRateLimits
{
    public static void AddHubRateLimits(this IServiceCollection services, HubIdentityOptions settings)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Answered here, with a body: re-executing a rejected POST through the status pages would fail antiforgery and read 400.
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = "60";
                if (rejected.HttpContext.Request.Path.IsApiPath() || rejected.HttpContext.Request.Path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase))
                {
                    await response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "Wait a minute before trying again.",
                    }, options: null, contentType: "application/problem+json", cancellationToken);
                }
                else
                {
                    var text = rejected.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
                    response.ContentType = "text/plain; charset=utf-8";
                    await response.WriteAsync(text["Too many attempts. Wait a minute before trying again."], cancellationToken);
                }
            };
            limiter.AddPolicy(FormRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => PerMinute(settings.RateLimits.FormPostsPerMinute))
                : RateLimitPartition.GetNoLimiter("read"));
            limiter.AddPolicy(ConnectEndpoints.TokenRateLimit, context =>
                RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => PerMinute(settings.RateLimits.TokenRequestsPerMinute)));
        });
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
