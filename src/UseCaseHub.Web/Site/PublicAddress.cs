using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Site;

/// <summary>The hub's one public address (Site:PublicBaseUrl) also decides which Host headers it answers.</summary>
internal static class PublicAddress
{
    /// <summary>
    /// Outside Development and Testing, <c>AllowedHosts: "*"</c> (the shipped default) becomes the host of
    /// Site:PublicBaseUrl: requests naming another host get 400 before any page runs. An explicit AllowedHosts
    /// list (e.g. "hub.example.org;www.hub.example.org") is kept as configured.
    /// </summary>
    public static IServiceCollection AddHubAllowedHosts(this IServiceCollection services)
    {
        services.AddOptions<HostFilteringOptions>().PostConfigure<IHostEnvironment, IOptions<SiteOptions>>((filtering, environment, site) =>
        {
            var configured = site.Value.PublicBaseUrl;
            if (HubIdentityExtensions.IsRelaxed(environment) || string.IsNullOrWhiteSpace(configured)
                || !(filtering.AllowedHosts.Count == 0 || filtering.AllowedHosts.All(h => h == "*")))
            {
                return;
            }

            filtering.AllowedHosts = [new Uri(configured).Host];
        });
        return services;
    }
}
