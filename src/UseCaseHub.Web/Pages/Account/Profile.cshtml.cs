using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Pages.Account;

public sealed class ProfileModel(UserManager<HubUser> users, SignInManager<HubUser> signIn, HubDbContext db, IStringLocalizer<SharedResource> text,
    AccountLanguage language) : PageModel
{
    [BindProperty]
    [Required]
    [StringLength(200)]
    [Display(Name = "Your name")]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    [StringLength(2)]
    [Display(Name = "Country")]
    public string? CountryIso2 { get; set; }

    /// <summary>Notification mail on or off (the inbox keeps every notification either way).</summary>
    [BindProperty]
    public bool MailNotifications { get; set; } = true;

    public string? Email { get; private set; }

    public string? OrganizationName { get; private set; }

    public IList<string> Roles { get; private set; } = [];

    public List<SelectListItem> Countries { get; private set; } = [];

    public bool Saved { get; private set; }

    public bool HasPassword { get; private set; } = true;

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        DisplayName = user.DisplayName;
        CountryIso2 = user.CountryIso2;
        MailNotifications = !user.NotificationMailOff;
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid)
        {
            user.DisplayName = DisplayName.Trim();
            user.CountryIso2 = string.IsNullOrEmpty(CountryIso2) ? null : CountryIso2.ToUpperInvariant();
            user.NotificationMailOff = !MailNotifications;
            await users.UpdateAsync(user);
            // Mail follows the language the person last saved the profile in.
            await language.RememberCurrentAsync(user);
            await signIn.RefreshSignInAsync(user);
            Saved = true;
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string? deletePassword)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        // Accounts opened through an organisation's authority have no password: they confirm with their address.
        var confirmed = await users.HasPasswordAsync(user)
            ? deletePassword is not null && await users.CheckPasswordAsync(user, deletePassword)
            : string.Equals(deletePassword?.Trim(), user.Email, StringComparison.OrdinalIgnoreCase);
        if (!confirmed)
        {
            ModelState.AddModelError("", text["The password is not right."]);
            DisplayName = user.DisplayName;
            CountryIso2 = user.CountryIso2;
            await LoadAsync(user);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Entries belong to organisations, not people: nothing published goes with the account.
        await users.DeleteAsync(user);
        await signIn.SignOutAsync();
        return LocalRedirect(Url.Content("~/"));
    }

    private async Task LoadAsync(HubUser user)
    {
        Email = user.Email;
        HasPassword = await users.HasPasswordAsync(user);
        Roles = await users.GetRolesAsync(user);
        OrganizationName = user.OrganizationId is { } id
            ? await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync()
            : null;
        Countries = await db.Countries.OrderBy(c => c.Name).Select(c => new SelectListItem(c.Name, c.Iso2)).ToListAsync();
    }
}
