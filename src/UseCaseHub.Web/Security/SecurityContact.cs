using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;
using UseCaseHub.Web.Localization;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Security;

/// <summary>Where people report vulnerabilities, published as <c>/.well-known/security.txt</c> (RFC 9116).</summary>
public sealed class SecurityContactOptions
{
    public const string Section = "Security";

    /// <summary>A <c>mailto:</c> or <c>https:</c> address; empty publishes no security.txt (the address answers 404).</summary>
    public string? Contact { get; set; }

    /// <summary>Days the published file stays valid (its Expires field); RFC 9116 advises less than a year.</summary>
    [Range(1, 365)]
    public int ValidDays { get; set; } = 180;

    public bool HasValidContact() =>
        string.IsNullOrWhiteSpace(Contact)
        || (Uri.TryCreate(Contact, UriKind.Absolute, out var address) && (address.Scheme == Uri.UriSchemeMailto || address.Scheme == Uri.UriSchemeHttps));
}

public static class SecurityContact
{
    public const string Path = "/.well-known/security.txt";

    public static IServiceCollection AddHubSecurityContact(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityContactOptions>().Bind(configuration.GetSection(SecurityContactOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.HasValidContact(), "Security:Contact must be a mailto: or https: address, e.g. mailto:security@usecases.example.org.")
            .ValidateOnStart();
        return services;
    }

    public static WebApplication MapHubSecurityContact(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Expires counts from the start: a host that runs for months still publishes a file valid for ValidDays at most.
        var started = DateTimeOffset.UtcNow;
        app.MapGet(Path, (HttpContext context, IOptions<SecurityContactOptions> contact, IOptions<SiteOptions> site, IOptions<HubLocalizationOptions> cultures) =>
        {
            if (string.IsNullOrWhiteSpace(contact.Value.Contact))
            {
                return Results.NotFound();
            }

            var expires = started.AddDays(contact.Value.ValidDays).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var canonical = new Uri(site.Value.PublicBaseFor(context.Request), Path.TrimStart('/'));
            var text = $"Contact: {contact.Value.Contact}\nExpires: {expires}\nPreferred-Languages: {string.Join(", ", cultures.Value.EffectiveCultures)}\nCanonical: {canonical}\n";
            return Results.Text(text, "text/plain; charset=utf-8");
        });
        return app;
    }
}
