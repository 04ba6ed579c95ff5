using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace UseCaseHub.Web.Localization;

public static class LocalizationExtensions
{
    /// <summary>
    /// UI strings from resource files; the culture comes from the URL prefix (<c>/fr/...</c>), then
    /// the culture cookie, then Accept-Language. English is served at <c>/</c> and <c>/en/</c>.
    /// </summary>
    public static IServiceCollection AddHubLocalization(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HubLocalizationOptions>().Bind(configuration.GetSection(HubLocalizationOptions.Section))
            .Validate(o => o.EffectiveCultures.Distinct(StringComparer.OrdinalIgnoreCase).Count() == o.EffectiveCultures.Count, "Localization:Cultures names a culture twice.")
            .Validate(o => o.EffectiveCultures.All(IsKnownCulture), "Localization:Cultures holds a culture .NET does not know.")
            .ValidateOnStart();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory>(provider => new CachingStringLocalizerFactory(provider.GetRequiredService<ResourceManagerStringLocalizerFactory>()));
        services.AddHubValidationMessages();
        services.AddSingleton<LanguageLinks>();
        services.AddOptions<RequestLocalizationOptions>().Configure<IOptions<HubLocalizationOptions>>((request, hub) =>
        {
            // The display cultures (CultureFormat): request localization hands out these instances, so every
            // page formats numbers and dates by the same rules.
            var cultures = hub.Value.EffectiveCultures.Select(CultureFormat.ForDisplay).ToList();
            request.DefaultRequestCulture = new RequestCulture(cultures[0]);
            request.SupportedCultures = cultures;
            request.SupportedUICultures = cultures;
            request.RequestCultureProviders =
            [
                new CulturePrefixProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static WebApplication UseHubLocalization(this WebApplication app)
    {
        app.UseMiddleware<CulturePrefixMiddleware>();
        app.UseRequestLocalization();
        return app;
    }

    private static bool IsKnownCulture(string name)
    {
        try
        {
            return !string.IsNullOrEmpty(CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
