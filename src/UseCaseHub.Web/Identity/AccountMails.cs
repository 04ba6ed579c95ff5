using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Web.Identity.Mail;

namespace UseCaseHub.Web.Identity;

/// <summary>The two mails an account gets: confirm the address, reset the password. Links carry Identity's one-use tokens.</summary>
public sealed class AccountMails(UserManager<HubUser> users, IHubMailSender sender, IStringLocalizer<SharedResource> text, LinkGenerator links)
{
    public async Task SendConfirmationAsync(HubUser user, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = links.GetUriByPage(context, "/Account/ConfirmEmail", values: new { userId = user.Id, code })!;
        await sender.SendAsync(user.Email!, text["Confirm your UseCaseHub account"],
            text["Hello {0}, confirm your email address by opening this link: {1}", user.DisplayName, link]);
    }

    public async Task SendPasswordResetAsync(HubUser user, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = links.GetUriByPage(context, "/Account/ResetPassword", values: new { code })!;
        await sender.SendAsync(user.Email!, text["Reset your UseCaseHub password"],
            text["Hello {0}, choose a new password by opening this link: {1} If you did not ask for it, ignore this mail.", user.DisplayName, link]);
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
