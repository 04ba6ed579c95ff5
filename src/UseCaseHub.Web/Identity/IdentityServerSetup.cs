using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Store;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UseCaseHub.Web.Identity;

/// <summary>The OpenIddict server (endpoints, flows, scopes, keys) and the local validation of its tokens.</summary>
internal static class IdentityServerSetup
{
    public static void AddHubOpenIddict(this IServiceCollection services, HubIdentityOptions settings, bool relaxed)
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
}
