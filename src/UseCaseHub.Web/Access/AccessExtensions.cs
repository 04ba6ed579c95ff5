using UseCaseHub.Core.Access;

namespace UseCaseHub.Web.Access;

/// <summary>Registers one authorization policy per hub role under the names in <see cref="HubPolicies"/>.</summary>
public static class AccessExtensions
{
    public static IServiceCollection AddHubAccess(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(HubPolicies.Member, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(c => Actor.From(c.User).IsMember))
            .AddPolicy(HubPolicies.Curator, policy => policy
                .RequireAuthenticatedUser()
                .RequireRole(HubRoles.Curator, HubRoles.Admin))
            .AddPolicy(HubPolicies.Admin, policy => policy
                .RequireAuthenticatedUser()
                .RequireRole(HubRoles.Admin));
        return services;
    }
}
