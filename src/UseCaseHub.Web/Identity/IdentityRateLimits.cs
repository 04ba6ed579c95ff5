using System.Globalization;
using System.Threading.RateLimiting;
using UseCaseHub.Web.Errors;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static UseCaseHub.Web.Identity.HubIdentityExtensions;

namespace UseCaseHub.Web.Identity;

/// <summary>
/// Per-address limits on the sign-in, registration and password forms (posts only) and on the token endpoint; per-client
/// limits (the signed-in person or API client, else the address) on search, suggestions, OData reads and every API write.
/// </summary>
internal static class IdentityRateLimits
{
    public static void AddHubRateLimits(this IServiceCollection services, HubIdentityOptions settings)
    {
        var limits = settings.RateLimits;
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, cancellationToken) => new ValueTask(RejectAsync(rejected.HttpContext, rejected.Lease, cancellationToken));
            limiter.AddPolicy(FormRateLimit, context => limits.Enabled && HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => PerMinute(limits.FormPostsPerMinute))
                : RateLimitPartition.GetNoLimiter("read"));
            limiter.AddPolicy(ConnectEndpoints.TokenRateLimit, context => limits.Enabled
                ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => PerMinute(limits.TokenRequestsPerMinute))
                : RateLimitPartition.GetNoLimiter("off"));
        });
        if (limits.Enabled)
        {
            services.AddSingleton(new ClientRateLimiter(limits));
        }
    }

    /// <summary>
    /// After authentication, so that a signed-in person or API client is counted as itself and not with everyone behind
    /// the same address. Its own small middleware: the framework's limiter runs before authentication (for the token endpoint).
    /// </summary>
    public static WebApplication UseHubClientRateLimits(this WebApplication app)
    {
        if (app.Services.GetService<ClientRateLimiter>() is not { } limiter)
        {
            return app;
        }

        app.Use(async (context, next) =>
        {
            using var lease = await limiter.Limiter.AcquireAsync(context, 1, context.RequestAborted);
            if (lease.IsAcquired)
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await RejectAsync(context, lease, context.RequestAborted);
        });
        return app;
    }

    /// <summary>
    /// 429 with Retry-After; a problem details body on the API and the OpenID Connect endpoints; the friendly status page
    /// for a site page read; plain text for a site form post (re-executing it through the status page would fail antiforgery).
    /// </summary>
    private static async Task RejectAsync(HttpContext context, RateLimitLease lease, CancellationToken cancellationToken)
    {
        var response = context.Response;
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromMinutes(1);
        response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (context.Request.Path.IsApiPath() || context.Request.Path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase))
        {
            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = "Wait a minute before trying again.",
            };
            ProblemText.Localize(context, problem);
            await response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", cancellationToken);
        }
        else if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            var text = context.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync(text["Too many attempts. Wait a minute before trying again."], cancellationToken);
        }
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    /// <summary>One fixed window per kind of request and client.</summary>
    private sealed class ClientRateLimiter(RateLimitOptions limits)
    {
        public PartitionedRateLimiter<HttpContext> Limiter { get; } = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var (kind, permits) = Classify(context.Request, limits);
            return kind is null
                ? RateLimitPartition.GetNoLimiter("")
                : RateLimitPartition.GetFixedWindowLimiter(kind + "|" + Client(context), _ => PerMinute(permits));
        });

        private static (string? Kind, int Permits) Classify(HttpRequest request, RateLimitOptions limits)
        {
            var path = request.Path;
            var read = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
            if (path.IsApiPath() && !read && !HttpMethods.IsOptions(request.Method))
            {
                return ("write", limits.WritesPerMinute);
            }

            // openmeta: an OAI-PMH harvest reads by GET or POST alike, counted with the OData reads.
            if (path.StartsWithSegments("/oai", StringComparison.OrdinalIgnoreCase))
            {
                return ("odata", limits.ODataReadsPerMinute);
            }

            if (!read)
            {
                return (null, 0);
            }

            if (path.StartsWithSegments("/odata", StringComparison.OrdinalIgnoreCase))
            {
                return ("odata", limits.ODataReadsPerMinute);
            }

            // A zip for offline reading costs hundreds of searches' work when it is built: its own, small allowance.
            if (path.StartsWithSegments("/search/offline", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/search/offline.zip", StringComparison.OrdinalIgnoreCase)
                // share: search exports page through every result the same way, so they share that allowance.
                || path.StartsWithSegments("/search/export.csv", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/search/export.json", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/api/search/export", StringComparison.OrdinalIgnoreCase))
            {
                return ("offline", limits.OfflineRequestsPerMinute);
            }

            if (path.StartsWithSegments("/api/suggest", StringComparison.OrdinalIgnoreCase))
            {
                return ("suggest", limits.SuggestRequestsPerMinute);
            }

            return path.StartsWithSegments("/search", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/api/search", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/feed.atom", StringComparison.OrdinalIgnoreCase)
                // The dashboard is cached a minute, but a rebuild is about thirty facet searches.
                || path.StartsWithSegments("/insights", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/api/insights", StringComparison.OrdinalIgnoreCase)
                ? ("search", limits.SearchRequestsPerMinute)
                : (null, 0);
        }

        /// <summary>The person (subject) or API client, else the address.</summary>
        private static string Client(HttpContext context)
        {
            var user = context.User;
            if (user.Identity?.IsAuthenticated == true
                && (user.FindFirst(Claims.Subject)?.Value ?? user.FindFirst(Claims.ClientId)?.Value ?? user.FindFirst(Claims.AuthorizedParty)?.Value) is { } id)
            {
                return "user:" + id;
            }

            return "address:" + ClientAddress(context);
        }
    }
}
