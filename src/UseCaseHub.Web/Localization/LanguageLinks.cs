using System.Globalization;
using Microsoft.Extensions.Options;

namespace UseCaseHub.Web.Localization;

/// <summary>The same page in each UI language, for the language switcher and hreflang links.</summary>
public sealed class LanguageLinks(IOptions<HubLocalizationOptions> options)
{
    public sealed record Link(string Culture, string NativeName, string Href, bool Current, bool RightToLeft);

    public IReadOnlyList<Link> For(HttpContext context)
    {
        var current = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var basePath = context.Request.PathBase.Value ?? "";
        if (context.Items[CulturePrefixMiddleware.ItemKey] is string prefix)
        {
            basePath = basePath[..^(prefix.Length + 1)];
        }

        var rest = context.Request.Path.Value + context.Request.QueryString.Value;
        return options.Value.EffectiveCultures.Select(name =>
        {
            var culture = CultureInfo.GetCultureInfo(name);
            var native = culture.TextInfo.ToTitleCase(culture.NativeName.Split(' ')[0]);
            return new Link(name, native, $"{basePath}/{name}{rest}", name == current, culture.TextInfo.IsRightToLeft);
        }).ToList();
    }
}
