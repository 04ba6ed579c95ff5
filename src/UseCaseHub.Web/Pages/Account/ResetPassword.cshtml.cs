using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Pages.Account;

[EnableRateLimiting(HubIdentityExtensions.FormRateLimit)]
public sealed class ResetPasswordModel(UserManager<HubUser> users, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [Required]
    [Display(Name = "Reset code")]
    public string Code { get; set; } = "";

    [BindProperty]
    [Required]
    [EmailAddress]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = "";

    public bool Done { get; private set; }

    public void OnGet()
    {
        ModelState.Clear();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Email);
        var token = AccountMails.Decode(Code);
        var result = user is null || token is null
            ? IdentityResult.Failed(new IdentityError { Description = text["This link is not valid or has expired."] })
            : await users.ResetPasswordAsync(user, token, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Description);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // A reset also ends a lockout: the owner proved control of the mailbox.
        await users.SetLockoutEndDateAsync(user!, null);
        Done = true;
        return Page();
    }
}
