using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace UseCaseHub.Web.Localization;

/// <summary>
/// Moves a culture prefix (<c>/fr/use-cases</c>) from the path into the path base, so routing sees
/// <c>/use-cases</c> and every link the site generates keeps the visitor's language.
/// </summary>
internal sealed class CulturePrefixMiddleware(RequestDelegate next, IOptions<HubLocalizationOptions> options)
{
    internal const string ItemKey = "culture-prefix";
    private readonly HashSet<string> _cultures = new(options.Value.EffectiveCultures, StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var end = path.IndexOf('/', 1);
        var first = end < 0 ? path[1..] : path[1..end];
        if (first.Length > 0 && _cultures.Contains(first))
        {
            var culture = _cultures.First(c => string.Equals(c, first, StringComparison.OrdinalIgnoreCase));
            context.Items[ItemKey] = culture;
            context.Request.PathBase = context.Request.PathBase.Add("/" + culture);
            context.Request.Path = end < 0 ? "/" : path[end..];
        }

        return next(context);
    }
}

/// <summary>Reads the culture the prefix middleware found.</summary>
internal sealed class CulturePrefixProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        Task.FromResult(httpContext.Items[CulturePrefixMiddleware.ItemKey] is string culture
            ? new ProviderCultureResult(culture)
            : null);
}
