using System.Globalization;
using Microsoft.Extensions.Options;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Localization;

/// <summary>
/// The same page in each UI language: the switcher's links, the <c>hreflang</c> alternates and the canonical address.
/// Every one keeps the page's path and query (search text, filters, sort, page).
/// </summary>
/// <remarks>
/// Two kinds of address on purpose. The switcher always names the language (<c>/en/search?q=x</c>): without a prefix
/// the cookie or Accept-Language would choose again, so a reader could not pick English. The alternates and the
/// canonical are absolute and give the default language its unprefixed address (<c>/search?q=x</c>, which is also
/// <c>x-default</c>, the address that negotiates), so <c>/en/x</c> and <c>/x</c> are one page to a search engine and
/// every alternate is a canonical page.
/// </remarks>
public sealed class LanguageLinks(IOptions<HubLocalizationOptions> options, IOptions<SiteOptions> site)
{
    public sealed record Link(string Culture, string NativeName, string Href, string Alternate, bool Current, bool RightToLeft);

    public sealed record PageLinks(IReadOnlyList<Link> Languages, string Canonical, string XDefault);

    public PageLinks For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cultures = options.Value.EffectiveCultures;
        var current = CurrentOf(cultures);
        var basePath = context.Request.PathBase.Value ?? "";
        if (context.Items[CulturePrefixMiddleware.ItemKey] is string prefix)
        {
            basePath = basePath[..^(prefix.Length + 1)];
        }

        var rest = context.Request.Path.Value + context.Request.QueryString.Value;
        // The configured public address when there is one (never the Host header outside Development and Testing).
        var root = site.Value.PublicBaseOr(new Uri($"{context.Request.Scheme}://{context.Request.Host}{basePath}")).ToString().TrimEnd('/');
        string Absolute(string culture) => culture == options.Value.DefaultCulture ? root + rest : $"{root}/{culture}{rest}";

        var links = cultures.Select(name =>
        {
            return new Link(name, Languages.NativeName(name), $"{basePath}/{name}{rest}", Absolute(name), name == current, Languages.IsRightToLeft(name));
        }).ToList();
        return new PageLinks(links, Absolute(current), root + rest);
    }

    /// <summary>The configured culture the request runs in (<c>ar</c> for a reader whose browser asked for <c>ar-EG</c>).</summary>
    private static string CurrentOf(IReadOnlyList<string> cultures)
    {
        for (var culture = CultureInfo.CurrentUICulture; !string.IsNullOrEmpty(culture.Name); culture = culture.Parent)
        {
            var match = cultures.FirstOrDefault(c => string.Equals(c, culture.Name, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }

        return cultures[0];
    }
}
