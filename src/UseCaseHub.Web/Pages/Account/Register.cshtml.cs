using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Pages.Account;

/// <summary>Opens an account that waits for its mailed confirmation; the organisation named is a request an admin approves.</summary>
[EnableRateLimiting(HubIdentityExtensions.FormRateLimit)]
public sealed class RegisterModel(UserManager<HubUser> users, HubDbContext db, AccountMails mails, IStringLocalizer<SharedResource> text,
    AccountLanguage language) : PageModel
{
    [BindProperty]
    [Required]
    [StringLength(200)]
    [Display(Name = "Your name")]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    [Required]
    [EmailAddress]
    [StringLength(256)]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required]
    [StringLength(300)]
    [Display(Name = "Organisation")]
    public string OrganizationName { get; set; } = "";

    [BindProperty]
    [Required]
    [StringLength(2, MinimumLength = 2)]
    [Display(Name = "Country")]
    public string CountryIso2 { get; set; } = "";

    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    public List<SelectListItem> Countries { get; private set; } = [];

    public bool Sent { get; private set; }

    public async Task OnGetAsync() => await LoadCountriesAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var iso2 = string.IsNullOrEmpty(CountryIso2) ? "" : CountryIso2.ToUpperInvariant();
        var country = await db.Countries.AnyAsync(c => c.Iso2 == iso2);
        if (!country)
        {
            ModelState.AddModelError(nameof(CountryIso2), text["Choose a country from the list."]);
        }

        if (!string.IsNullOrWhiteSpace(OrganizationName) && Slugs.From(OrganizationName).Length == 0)
        {
            ModelState.AddModelError(nameof(OrganizationName), text["Give your organisation's name in letters or digits."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadCountriesAsync();
            return Page();
        }

        var user = new HubUser
        {
            UserName = Email,
            Email = Email,
            DisplayName = DisplayName.Trim(),
            CountryIso2 = CountryIso2.ToUpperInvariant(),
            CreatedAt = DateTimeOffset.UtcNow,
            // Joining an organisation would show its drafts, and founding one would let anyone squat a name: both
            // are a request an admin decides on (/admin/organizations). Until then the person has no organisation and no role.
            RequestedOrganization = (await db.Organizations.Named(OrganizationName).Select(o => o.Name).FirstOrDefaultAsync()) ?? OrganizationName.Trim(),
        };

        // The password rules first, the same for everyone: only then does a taken address get the same answer as a new one.
        if (!await PasswordAcceptedAsync(user))
        {
            await LoadCountriesAsync();
            return Page();
        }

        if (await users.FindByEmailAsync(Email) is { } owner)
        {
            // Saying "taken" would tell anyone who has an account here; the owner hears about it instead.
            await mails.SendAlreadyRegisteredAsync(owner, HttpContext);
            Sent = true;
            return Page();
        }

        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError("", error.Description);
            }

            await LoadCountriesAsync();
            return Page();
        }

        // The language the person registers in is the language of their mail.
        await language.RememberCurrentAsync(user);
        await mails.SendConfirmationAsync(user, HttpContext);
        Sent = true;
        return Page();
    }

    private async Task<bool> PasswordAcceptedAsync(HubUser user)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, Password);
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Description);
            }
        }

        return ModelState.IsValid;
    }

    private async Task LoadCountriesAsync() =>
        Countries = await db.Countries.OrderBy(c => c.Name)
            .Select(c => new SelectListItem(c.Name, c.Iso2)).ToListAsync();
}
