using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Web.Localization;

namespace UseCaseHub.Web.Identity;

/// <summary>
/// The language a person reads the site in, kept as the OpenID Connect <c>locale</c> claim of the account (no schema
/// change): set when they register or save their profile, read when a mail goes to them.
/// </summary>
public sealed class AccountLanguage(UserManager<HubUser> users, IOptions<HubLocalizationOptions> options)
{
    public const string ClaimType = "locale";

    /// <summary>Remembers the current UI language as the person's language.</summary>
    public async Task RememberCurrentAsync(HubUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var language = Supported(CultureInfo.CurrentUICulture.Name);
        if (language is null)
        {
            return;
        }

        var old = (await users.GetClaimsAsync(user)).FirstOrDefault(c => c.Type == ClaimType);
        if (old is null)
        {
            await users.AddClaimAsync(user, new Claim(ClaimType, language));
        }
        else if (old.Value != language)
        {
            await users.ReplaceClaimAsync(user, old, new Claim(ClaimType, language));
        }
    }

    /// <summary>The person's language when known and still offered; otherwise null (the caller keeps its own).</summary>
    public async Task<CultureInfo?> OfAsync(HubUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claim = (await users.GetClaimsAsync(user)).FirstOrDefault(c => c.Type == ClaimType);
        return Culture(claim?.Value);
    }

    /// <summary>The hub's default language, for mail to a person whose language is not known and no request to follow.</summary>
    public CultureInfo Default => CultureInfo.GetCultureInfo(options.Value.DefaultCulture);

    /// <summary>A stored language as a culture, if the hub still offers it.</summary>
    public CultureInfo? Culture(string? language) =>
        Supported(language) is { } name ? CultureInfo.GetCultureInfo(name) : null;

    private string? Supported(string? language) => string.IsNullOrEmpty(language)
        ? null
        : options.Value.EffectiveCultures.FirstOrDefault(c => string.Equals(c, language, StringComparison.OrdinalIgnoreCase))
            ?? options.Value.EffectiveCultures.FirstOrDefault(c => language.StartsWith(c + "-", StringComparison.OrdinalIgnoreCase));
}
