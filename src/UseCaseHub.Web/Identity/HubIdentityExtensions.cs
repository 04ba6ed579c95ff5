using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Errors;
using UseCaseHub.Web.Identity.Mail;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UseCaseHub.Web.Identity;

public static class HubIdentityExtensions
{
    /// <summary>Cookie or bearer, decided per request by the Authorization header.</summary>
    public const string Scheme = "Hub";

    /// <summary>Bearer tokens from the configured external authority.</summary>
    public const string ExternalScheme = "External";

    /// <summary>Site sign-in through the configured external authority (OpenID Connect, code + PKCE).</summary>
    public const string ExternalSiteScheme = "ExternalOidc";

    public const string FormRateLimit = "identity-forms";

    /// <summary>Accounts (Identity), the OpenID Connect server, bearer validation, persisted keys, mail and rate limits.</summary>
    public static IServiceCollection AddHubIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(HubIdentityOptions.Section);
        var relaxed = IsRelaxed(environment);
        services.AddOptions<HubIdentityOptions>().Bind(section).ValidateDataAnnotations()
            .Validate(o => o.TrustedProxies.All(p => TrustedProxies.TryParse(p) is not null),
                $"{TrustedProxies.Key}: every entry must be an address or a CIDR range (10.0.0.0/8, 192.0.2.7, fd00::/8).")
            .Validate(o => !o.TrustForwardedHeaders || o.TrustedProxies.Count > 0 || relaxed,
                $"{TrustedProxies.Key} must list the proxies in front of the hub when Identity:TrustForwardedHeaders is on (outside Development, any sender's X-Forwarded-For would be believed).")
            .ValidateOnStart();
        services.AddSingleton<TrustedProxies>();
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var settings = section.Get<HubIdentityOptions>() ?? new HubIdentityOptions();

        services.AddSingleton<HubKeyStore>();
        services.AddSingleton<IHubMailSender, HubMailSender>();
        services.AddScoped<ClientRegistry>();
        services.AddScoped<AccountMails>();
        services.AddScoped<AccountLanguage>();
        services.AddSingleton<SignInLockout>();
        services.AddScoped<IdentitySeeder>();
        services.AddTransient<IClaimsTransformation, BearerPrincipalNormalizer>();

        AddAccounts(services, settings);
        AddDataProtection(services, settings);
        services.AddHubOpenIddict(settings, relaxed);
        services.AddHubAuthentication(settings);
        services.AddHubRateLimits(settings);
        services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/Admin", Core.Access.HubPolicies.Admin);
            pages.Conventions.AuthorizePage("/Account/Profile");
        });
        return services;
    }

    /// <summary>Development and the test host may run without HTTPS and with demo accounts; nothing else may.</summary>
    internal static bool IsRelaxed(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");

    /// <summary>First in the pipeline: HTTPS redirection, HSTS and the rate limits must see the client's scheme and address.</summary>
    public static WebApplication UseHubForwardedHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<IOptions<HubIdentityOptions>>().Value;
        if (settings.TrustForwardedHeaders)
        {
            // The connection's own address, kept before the headers rewrite it: the metrics and health details believe
            // the forwarded address only when this one is a trusted proxy (see TrustedProxies.ClientAddress).
            app.Use((context, next) =>
            {
                context.Features.Set(new PeerAddressFeature(context.Connection.RemoteIpAddress));
                return next(context);
            });
            app.UseForwardedHeaders(app.Services.GetRequiredService<TrustedProxies>().BuildForwardedHeadersOptions(settings.ForwardLimit));
        }

        return app;
    }

    public static WebApplication UseHubIdentity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The limiter runs before authentication, so a flood of token requests is turned away before any client check.
        app.UseRateLimiter();
        app.UseAuthentication();
        // Search, OData and API write limits count per signed-in person or client, so they follow authentication.
        app.UseHubClientRateLimits();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapHubIdentity(this WebApplication app)
    {
        app.MapConnectEndpoints();
        return app;
    }

    /// <summary>Roles, and in Development the demo accounts and client; refuses unsafe settings in other environments.</summary>
    public static async Task InitializeHubIdentityAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Loads (or generates) the token keys now: a bad certificate path fails the start, not the first sign-in.
        _ = app.Services.GetRequiredService<IOptions<OpenIddictServerOptions>>().Value;
        StartupGuard.Check(app.Services, app.Environment);
        await StartupGuard.CheckStoreAsync(app.Services, app.Environment);
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().SeedAsync();
    }

    private static void AddAccounts(IServiceCollection services, HubIdentityOptions settings)
    {
        services.AddIdentity<HubUser, IdentityRole<Guid>>(identity =>
            {
                identity.SignIn.RequireConfirmedEmail = true;
                identity.User.RequireUniqueEmail = true;
                // Length over composition (NIST SP 800-63B).
                identity.Password.RequiredLength = 10;
                identity.Password.RequiredUniqueChars = 4;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
                identity.ClaimsIdentity.RoleClaimType = Claims.Role;
                identity.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                identity.ClaimsIdentity.UserNameClaimType = Claims.Name;
                identity.ClaimsIdentity.EmailClaimType = Claims.Email;
            })
            .AddEntityFrameworkStores<HubDbContext>()
            .AddUserStore<HubUserStore>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddClaimsPrincipalFactory<HubUserClaimsFactory>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = settings.PasswordHashIterations);
        // Role changes, password resets and deletions reach existing cookies within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/login";
            cookie.Cookie.Name = "usecasehub";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
            // APIs answer 401/403; the site redirects to sign in and shows a 403 page to signed-in people without the right.
            cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        // A machine (bearer header, no cookie) on a site page gets 401 too: the sign-in redirect is for browsers.
        if (AnswersWithStatus(context.Request.Path) || IdentityAuthentication.HasBearer(context.Request))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>Machines call the API and the token endpoints; only the authorize endpoint is visited by a browser.</summary>
    private static bool AnswersWithStatus(PathString path) =>
        path.IsApiPath()
        || (path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/connect/authorize", StringComparison.OrdinalIgnoreCase));

    private static void AddDataProtection(IServiceCollection services, HubIdentityOptions settings)
    {
        // Keys in the shared data directory: every host behind a load balancer reads the same cookies and antiforgery tokens.
        var dataProtection = services.AddDataProtection().SetApplicationName("UseCaseHub");
        if (!string.IsNullOrWhiteSpace(settings.Keys.DataProtectionCertificatePath))
        {
            // Encrypted at rest: a copy of the key folder alone cannot forge cookies or read reset links.
            dataProtection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                settings.Keys.DataProtectionCertificatePath, settings.Keys.DataProtectionCertificatePassword));
        }

        if (settings.Keys.Store == KeyRingStore.Database)
        {
            // In the store: stateless hosts share the ring without a shared folder (still encrypted with the certificate above).
            dataProtection.PersistKeysToDbContext<HubDbContext>();
            return;
        }

        services.AddOptions<KeyManagementOptions>().Configure<HubKeyStore, ILoggerFactory>((options, keys, logging) =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(keys.DataProtectionDirectory), logging));
    }
}
