using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Security;

/// <summary>
/// The headers every response carries (pages, API answers, static files, error pages), HSTS and HTTPS redirection,
/// and Secure cookies outside Development and Testing.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts and styles only from files of this host (no inline code anywhere: the pages have none and a test keeps
    /// it so). No <c>form-action</c>: the sign-in forms end in redirects to OpenID Connect clients and external
    /// authorities, which Chrome would check against it. Images may come from https (entries cite pictures).
    /// </summary>
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>
    /// OpenIddict's form_post answer (/connect/authorize with response_mode=form_post) submits itself with this one
    /// inline script, <c>document.form.submit();</c>: allowed by its hash on the /connect endpoints only.
    /// </summary>
    private static readonly string ConnectPolicy =
        Policy.Replace("script-src 'self';", "script-src 'self' 'sha256-j7OoGArf6XW6YY4cAyS3riSSvrJRqpSi1fOF9vQ5SrI=';", StringComparison.Ordinal);

    private const string Permissions =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public static IServiceCollection AddHubSecurityHeaders(this IServiceCollection services, IHostEnvironment environment)
    {
        var relaxed = HubIdentityExtensions.IsRelaxed(environment);
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        // Client-side validation scripts are not used; without them the validation summary no longer writes an inline
        // style (<li style="display:none">) that the policy would block.
        services.Configure<Microsoft.AspNetCore.Mvc.MvcViewOptions>(views => views.HtmlHelperOptions.ClientValidationEnabled = false);
        // Every cookie (sign-in, external sign-in, antiforgery, culture) goes through Response.Cookies, so one policy marks them all.
        services.Configure<CookiePolicyOptions>(cookies => cookies.Secure = relaxed ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        return services;
    }

    /// <summary>First in the pipeline after forwarded headers, so that every answer, errors included, gets the headers.</summary>
    public static WebApplication UseHubSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!HubIdentityExtensions.IsRelaxed(app.Environment))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseCookiePolicy();
        app.Use((context, next) =>
        {
            // At send time: the exception handler clears the headers of a failed response before writing its page.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase) ? ConnectPolicy
                    : http.Request.Path.StartsWithSegments(Attachments.AttachmentsExtensions.DownloadPrefix, StringComparison.OrdinalIgnoreCase)
                        ? Attachments.AttachmentsExtensions.FilePolicy // uploaded files: sandboxed, nothing runs
                        : Policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = Permissions;
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
        return app;
    }
}
