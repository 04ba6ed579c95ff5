using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Pages.Account;

/// <summary>
/// Back from the organisation's authority: signs in the linked account, or links the account with the same
/// email, or creates one. The authority vouches for the address; its roles map to hub roles by configuration.
/// </summary>
public sealed class ExternalLoginModel(
    SignInManager<HubUser> signIn, UserManager<HubUser> users, HubDbContext db,
    IOptions<HubIdentityOptions> options, IStringLocalizer<SharedResource> text) : PageModel
{
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        var target = Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/");
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return Refuse(text["The sign-in with your organisation did not complete. Try again."]);
        }

        var signedIn = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        if (signedIn.IsLockedOut || signedIn.IsNotAllowed)
        {
            return Refuse(text["This account is locked after too many failed attempts. Try again later."]);
        }

        var user = signedIn.Succeeded ? await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey) : await LinkOrCreateAsync(info);
        if (user is null)
        {
            return Refuse(text["Your organisation did not share a verified email address, so no account can be opened."]);
        }

        await GrantMappedRolesAsync(user, info.Principal);
        if (!signedIn.Succeeded)
        {
            await signIn.SignInAsync(user, isPersistent: false, info.LoginProvider);
        }
        else
        {
            await signIn.RefreshSignInAsync(user);
        }

        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        return LocalRedirect(target);
    }

    private async Task<HubUser?> LinkOrCreateAsync(ExternalLoginInfo info)
    {
        var email = info.Principal.FindFirstValue("email");
        if (string.IsNullOrWhiteSpace(email) || info.Principal.FindFirstValue("email_verified") is "false" or "False")
        {
            return null;
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new HubUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = info.Principal.FindFirstValue("name") ?? email,
                OrganizationId = await OrganizationAsync(info.Principal.FindFirstValue(options.Value.External.OrganizationClaimType)),
                CreatedAt = DateTimeOffset.UtcNow,
            };
            if (!(await users.CreateAsync(user)).Succeeded)
            {
                return null;
            }
        }

        return (await users.AddLoginAsync(user, info)).Succeeded ? user : null;
    }

    private async Task GrantMappedRolesAsync(HubUser user, ClaimsPrincipal external)
    {
        var roles = external.FindAll(options.Value.External.RoleClaimType)
            .Select(c => options.Value.External.HubRoleFor(c.Value)).OfType<string>().Distinct(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (!await users.IsInRoleAsync(user, role))
            {
                await users.AddToRoleAsync(user, role);
            }
        }
    }

    private async Task<Guid?> OrganizationAsync(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var slug = value.Trim().ToLowerInvariant();
        var id = Guid.TryParse(value, out var parsed) ? parsed : Guid.Empty;
        return await db.Organizations.Where(o => o.Id == id || o.Slug == slug).Select(o => (Guid?)o.Id).FirstOrDefaultAsync();
    }

    private PageResult Refuse(string message)
    {
        Message = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
