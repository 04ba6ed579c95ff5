using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.WebEncoders;
using UseCaseHub.Web.Caching;

namespace UseCaseHub.Web.Site;

public static class SiteServiceCollectionExtensions
{
    /// <summary>The Razor Pages site, its queries and compressed responses.</summary>
    public static IServiceCollection AddHubSite(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.HasValidPublicBaseUrl(), "Site:PublicBaseUrl must be an absolute http or https address, e.g. https://usecases.example.org/.")
            .ValidateOnStart();
        services.AddHubAllowedHosts();
        services.AddRazorPages().AddViewLocalization();
        // Write every script as itself: entities for Arabic, Chinese or Cyrillic text triple the bytes.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddMemoryCache();
        services.AddScoped<CatalogueQueries>();
        services.AddSingleton<FooterPages>();
        services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return services;
    }

    public static WebApplication UseHubSite(this WebApplication app)
    {
        app.UseResponseCompression();
        // Plain static files, compressed by the middleware above: MapStaticAssets' build-time .gz variants came
        // out as empty 200 responses through the compression middleware. asp-append-version makes the
        // long cache safe: a changed file gets a new URL.
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = context.Context.Request.Query.ContainsKey("v")
                ? "public, max-age=31536000, immutable"
                : "public, max-age=3600",
        });
        // Inside compression, so a page's tag is of its own bytes and a 304 goes out empty.
        app.UseHubPageETags();
        app.MapRazorPages();
        return app;
    }
}
