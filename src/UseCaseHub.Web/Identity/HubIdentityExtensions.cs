using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;
using UseCaseHub.Core.Access;
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

    public const string AdminPolicy = "Admin";

    public const string FormRateLimit = "identity-forms";

    /// <summary>Accounts (Identity), the OpenID Connect server, bearer validation, persisted keys, mail and rate limits.</summary>
    public static IServiceCollection AddHubIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(HubIdentityOptions.Section);
        services.AddOptions<HubIdentityOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var settings = section.Get<HubIdentityOptions>() ?? new HubIdentityOptions();
        var relaxed = IsRelaxed(environment);

        services.AddSingleton<HubKeyStore>();
        services.AddSingleton<IHubMailSender, HubMailSender>();
        services.AddScoped<ClientRegistry>();
        services.AddScoped<AccountMails>();
        services.AddScoped<IdentitySeeder>();
        services.AddTransient<IClaimsTransformation, BearerPrincipalNormalizer>();

        AddAccounts(services, settings);
        AddDataProtection(services);
        AddOpenIddict(services, settings, relaxed);
        AddAuthentication(services, settings);
        AddRateLimits(services, settings);
        services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/Admin", AdminPolicy);
            pages.Conventions.AuthorizePage("/Account/Profile");
        });
        return services;
    }

    /// <summary>Development and the test host may run without HTTPS and with demo accounts; nothing else may.</summary>
    internal static bool IsRelaxed(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");

    public static WebApplication UseHubIdentity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<HubIdentityOptions>>().Value.TrustForwardedHeaders)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            // The proxy is whatever the operator put in front; trusting the headers is the operator's explicit choice.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }

        // The limiter runs before authentication, so a flood of token requests is turned away before any client check.
        app.UseRateLimiter();
        app.UseAuthentication();
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
            .AddDefaultTokenProviders()
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

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.IsApiPath() || context.Request.Path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase) && !context.Request.Path.StartsWithSegments("/connect/authorize", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    private static void AddDataProtection(IServiceCollection services)
    {
        // Keys in the shared data directory: every host behind a load balancer reads the same cookies and antiforgery tokens.
        services.AddDataProtection().SetApplicationName("UseCaseHub");
        services.AddOptions<KeyManagementOptions>().Configure<HubKeyStore, ILoggerFactory>((options, keys, logging) =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(keys.DataProtectionDirectory), logging));
    }

    private static void AddOpenIddict(IServiceCollection services, HubIdentityOptions settings, bool relaxed)
    {
        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<HubDbContext>())
            .AddServer(server =>
            {
                if (settings.Issuer is not null)
                {
                    server.SetIssuer(settings.Issuer);
                }

                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetEndSessionEndpointUris("connect/logout")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetIntrospectionEndpointUris("connect/introspect");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                server.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, .. HubScopes.Api]);
                server.RegisterClaims([Claims.Name, Claims.Email, Claims.EmailVerified, Claims.Role, HubClaims.Organization]);
                server.SetAccessTokenLifetime(TimeSpan.FromMinutes(settings.AccessTokenMinutes));
                if (!settings.EncryptAccessTokens)
                {
                    server.DisableAccessTokenEncryption();
                }

                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                if (relaxed)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.AddAudiences(HubScopes.ApiResource);
                // Checks the token store on every call, so a revoked access token stops working at once.
                validation.EnableTokenEntryValidation();
                validation.UseAspNetCore();
            });

        // Certificates come from the data directory (or configured files), known only once the container is built.
        services.AddOptions<OpenIddictServerOptions>().Configure<HubKeyStore>((server, keys) =>
        {
            server.SigningCredentials.Add(new SigningCredentials(new X509SecurityKey(keys.Signing), SecurityAlgorithms.RsaSha256));
            server.EncryptionCredentials.Add(new EncryptingCredentials(new X509SecurityKey(keys.Encryption),
                SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        });
    }

    private static void AddAuthentication(IServiceCollection services, HubIdentityOptions settings)
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

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(HubRoles.Admin));
    }

    private static string SelectScheme(HttpContext context, HubIdentityOptions options)
    {
        string? header = context.Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return IdentityConstants.ApplicationScheme;
        }

        // Our own access tokens are encrypted (five parts); a signed JWT naming the external issuer goes to that authority.
        var token = header["Bearer ".Length..].Trim();
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

    private static void AddRateLimits(IServiceCollection services, HubIdentityOptions settings)
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
