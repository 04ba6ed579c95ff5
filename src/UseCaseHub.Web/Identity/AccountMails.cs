using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Web.Identity.Mail;
using UseCaseHub.Web.Localization;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Identity;

/// <summary>
/// The mails an account gets: confirm the address, reset the password, someone registered with it. Links carry
/// Identity's one-use tokens and start with Site:PublicBaseUrl, never with the request's Host header. Each mail is written
/// in the recipient's language when the account has one (<see cref="AccountLanguage"/>), else in the request's.
/// </summary>
public sealed class AccountMails(
    UserManager<HubUser> users, IHubMailSender sender, IStringLocalizer<SharedResource> text, LinkGenerator links, IOptions<SiteOptions> site,
    AccountLanguage languages)
{
    public async Task SendConfirmationAsync(HubUser user, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Link(context, "/Account/ConfirmEmail", new { userId = user.Id, code });
        string subject, body;
        using (UiCulture.Use(await languages.OfAsync(user)))
        {
            (subject, body) = (text["Confirm your UseCaseHub account"],
                text["Hello {0}, confirm your email address by opening this link: {1}", user.DisplayName, link]);
        }

        await sender.SendAsync(user.Email!, subject, body);
    }

    public async Task SendPasswordResetAsync(HubUser user, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = Link(context, "/Account/ResetPassword", new { code });
        string subject, body;
        using (UiCulture.Use(await languages.OfAsync(user)))
        {
            (subject, body) = (text["Reset your UseCaseHub password"],
                text["Hello {0}, choose a new password by opening this link: {1} If you did not ask for it, ignore this mail.", user.DisplayName, link]);
        }

        await sender.SendAsync(user.Email!, subject, body);
    }

    /// <summary>Someone registered with an address that has an account: tell its owner instead of telling the form.</summary>
    public async Task SendAlreadyRegisteredAsync(HubUser user, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(user);
        var signIn = Link(context, "/Account/Login", null);
        var reset = Link(context, "/Account/ForgotPassword", null);
        string subject, body;
        using (UiCulture.Use(await languages.OfAsync(user)))
        {
            (subject, body) = (text["Someone tried to register with your address"],
                text["Hello {0}, someone tried to register a UseCaseHub account with your address. If it was you, sign in: {1} or reset your password: {2} If it was not you, ignore this mail.", user.DisplayName, signIn, reset]);
        }

        await sender.SendAsync(user.Email!, subject, body);
    }

    private string Link(HttpContext context, string page, object? values)
    {
        var address = site.Value.PublicBaseFor(context.Request);
        return links.GetUriByPage(page, handler: null, values, address.Scheme, new HostString(address.Authority),
            PathString.FromUriComponent(address.AbsolutePath.TrimEnd('/')))!;
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        try
        {
            return code is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
