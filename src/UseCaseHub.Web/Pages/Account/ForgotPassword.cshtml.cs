using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Pages.Account;

[EnableRateLimiting(HubIdentityExtensions.FormRateLimit)]
public sealed class ForgotPasswordModel(UserManager<HubUser> users, AccountMails mails) : PageModel
{
    [BindProperty]
    [Required]
    [EmailAddress]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The same answer whether or not the account exists, so the form does not reveal who has one.
        var user = await users.FindByEmailAsync(Email);
        if (user is not null && await users.IsEmailConfirmedAsync(user))
        {
            await mails.SendPasswordResetAsync(user, HttpContext);
        }

        Sent = true;
        return Page();
    }
}
