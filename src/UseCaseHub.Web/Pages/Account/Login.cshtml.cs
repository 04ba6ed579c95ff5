using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Pages.Account;

[EnableRateLimiting(HubIdentityExtensions.FormRateLimit)]
public sealed class LoginModel(SignInManager<HubUser> signIn, SignInLockout lockout, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    [Required]
    [EmailAddress]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public IList<AuthenticationScheme> ExternalProviders { get; private set; } = [];

    public async Task OnGetAsync() => ExternalProviders = [.. await signIn.GetExternalAuthenticationSchemesAsync()];

    /// <summary>Off to the organisation's authority; it comes back through <see cref="ExternalLoginModel"/>.</summary>
    public async Task<IActionResult> OnPostExternalAsync(string provider)
    {
        if (!(await signIn.GetExternalAuthenticationSchemesAsync()).Any(s => s.Name == provider))
        {
            return NotFound();
        }

        var callback = Url.Page("/Account/ExternalLogin", values: new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(provider, callback), provider);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ExternalProviders = [.. await signIn.GetExternalAuthenticationSchemesAsync()];
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Locked per account and address (see SignInLockout): failures from elsewhere never lock the owner out.
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (lockout.IsLocked(Email, address))
        {
            Message = text["This account is locked after too many failed attempts. Try again later."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Email, Password, RememberMe, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            lockout.Succeeded(Email, address);
            // Only local addresses: an open redirect would turn the sign-in page into a phishing tool.
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Content("~/"));
        }

        if (!result.IsNotAllowed && !result.IsLockedOut)
        {
            lockout.Failed(Email, address);
        }

        Message = result switch
        {
            { IsLockedOut: true } => text["This account is locked after too many failed attempts. Try again later."],
            { IsNotAllowed: true } => text["Confirm your email address first: follow the link in the mail we sent you."],
            _ => text["The email or password is not right."],
        };
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
