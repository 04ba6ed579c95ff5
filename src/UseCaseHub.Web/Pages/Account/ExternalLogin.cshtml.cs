using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Web.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UseCaseHub.Web.Pages.Account;

/// <summary>
/// Back from the organisation's authority: signs in the linked account, or links the account with the same
/// email, or creates one, but only when the authority vouches for the address (<c>email_verified</c>). Roles
/// come only through the role map and are re-read at every sign-in; the organisation only from the allow-list.
/// </summary>
public sealed class ExternalLoginModel(
    SignInManager<HubUser> signIn, UserManager<HubUser> users,
    IOptions<HubIdentityOptions> options, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>Where the roles the authority granted at the last sign-in are remembered (Identity's user tokens, per provider).</summary>
    internal const string GrantedRolesToken = "granted_roles";

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

        // The hub's reading of the authority's claims: mapped roles, allowed organisation (one rule with bearer tokens).
        var external = await new BearerPrincipalNormalizer(options, HttpContext.RequestServices).FromExternalAuthorityAsync(info.Principal);
        var user = signedIn.Succeeded ? await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey) : await LinkOrCreateAsync(info, external);
        if (user is null)
        {
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            return Refuse(text["Your organisation did not share a verified email address, so no account can be opened."]);
        }

        await SyncGrantedRolesAsync(user, info.LoginProvider, external);
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

    private async Task<HubUser?> LinkOrCreateAsync(ExternalLoginInfo info, ClaimsPrincipal external)
    {
        // Linking on an unverified address would hand the local account to whoever typed that address at the authority.
        var email = external.FindFirstValue("email");
        if (string.IsNullOrWhiteSpace(email) || !options.Value.External.VouchesForEmail(external))
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
                DisplayName = external.FindFirstValue("name") ?? email,
                OrganizationId = Guid.TryParse(external.FindFirstValue(HubClaims.Organization), out var organization) ? organization : null,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            if (!(await users.CreateAsync(user)).Succeeded)
            {
                return null;
            }
        }

        return (await users.AddLoginAsync(user, info)).Succeeded ? user : null;
    }

    /// <summary>
    /// Adds what the authority grants now and removes what it granted before but no longer does. Only roles the
    /// authority itself added are remembered, so a role an admin granted in the hub is never taken away here.
    /// </summary>
    private async Task SyncGrantedRolesAsync(HubUser user, string provider, ClaimsPrincipal external)
    {
        var granted = external.FindAll(Claims.Role).Select(c => c.Value).Where(r => HubRoles.All.Contains(r, StringComparer.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var before = ((await users.GetAuthenticationTokenAsync(user, provider, GrantedRolesToken)) ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var current = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);

        var fromAuthority = new HashSet<string>(before.Intersect(granted), StringComparer.Ordinal);
        foreach (var role in granted.Where(r => !current.Contains(r)))
        {
            await users.AddToRoleAsync(user, role);
            fromAuthority.Add(role);
        }

        var withdrawn = before.Except(granted).Where(current.Contains).ToList();
        if (withdrawn.Count > 0)
        {
            await users.RemoveFromRolesAsync(user, withdrawn);
            // The person's other sessions lose the withdrawn roles at their next validation.
            await users.UpdateSecurityStampAsync(user);
        }

        await users.SetAuthenticationTokenAsync(user, provider, GrantedRolesToken, string.Join(' ', fromAuthority.Order(StringComparer.Ordinal)));
    }

    private PageResult Refuse(string message)
    {
        Message = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
