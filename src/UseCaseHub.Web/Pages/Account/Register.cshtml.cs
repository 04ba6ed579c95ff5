using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Pages.Account;

[EnableRateLimiting(HubIdentityExtensions.FormRateLimit)]
public sealed class RegisterModel(UserManager<HubUser> users, HubDbContext db, AccountMails mails, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    [Required]
    [StringLength(200)]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    [Required]
    [EmailAddress]
    [StringLength(256)]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required]
    [StringLength(300)]
    public string OrganizationName { get; set; } = "";

    [BindProperty]
    [Required]
    [StringLength(2, MinimumLength = 2)]
    public string CountryIso2 { get; set; } = "";

    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
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
        };
        var organization = await FindOrganizationAsync(OrganizationName);
        if (organization is null)
        {
            // A new organisation: its founder is its first member.
            organization = new Organization { Id = Guid.NewGuid(), Name = OrganizationName.Trim(), Slug = Slugs.From(OrganizationName), CountryIso2 = user.CountryIso2 };
            db.Organizations.Add(organization);
            user.OrganizationId = organization.Id;
        }
        else
        {
            // Joining an existing organisation would show its drafts: an admin attaches the account.
            user.RequestedOrganization = organization.Name;
        }

        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            db.ChangeTracker.Clear();
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError("", error.Description);
            }

            await LoadCountriesAsync();
            return Page();
        }

        if (user.OrganizationId is not null)
        {
            await users.AddToRoleAsync(user, HubRoles.Member);
        }

        await mails.SendConfirmationAsync(user, HttpContext);
        Sent = true;
        return Page();
    }

    private async Task<Organization?> FindOrganizationAsync(string name)
    {
        var slug = Slugs.From(name);
        var trimmed = name.Trim();
        return await db.Organizations.FirstOrDefaultAsync(o => o.Slug == slug || o.Name == trimmed);
    }

    private async Task LoadCountriesAsync() =>
        Countries = await db.Countries.OrderBy(c => c.Name)
            .Select(c => new SelectListItem(c.Name, c.Iso2)).ToListAsync();
}
