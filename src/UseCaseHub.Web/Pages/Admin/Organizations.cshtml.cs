using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Pages.Admin;

/// <summary>List, create and rename organisations; their id is what tokens carry in the <c>org</c> claim.</summary>
public sealed class OrganizationsModel(HubDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed record Row(Guid Id, string Slug, string Name, string? CountryIso2, int People, int Entries);

    public List<Row> Organizations { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? countryIso2)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 300)
        {
            ModelState.AddModelError("", text["A name is required."]);
        }
        else
        {
            var slug = Slugs.From(name);
            if (await db.Organizations.AnyAsync(o => o.Slug == slug))
            {
                ModelState.AddModelError("", text["An organisation with this name already exists."]);
            }
            else
            {
                db.Organizations.Add(new Organization { Id = Guid.NewGuid(), Slug = slug, Name = name.Trim(), CountryIso2 = Country(countryIso2) });
                await db.SaveChangesAsync();
                return RedirectToPage();
            }
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(Guid id, string? name, string? countryIso2)
    {
        var organization = await db.Organizations.FindAsync(id);
        if (organization is null)
        {
            return NotFound();
        }

        if (!string.IsNullOrWhiteSpace(name) && name.Length <= 300)
        {
            // The slug stays: content files and links refer to it.
            organization.Name = name.Trim();
            organization.CountryIso2 = Country(countryIso2);
            await db.SaveChangesAsync();
        }

        return RedirectToPage();
    }

    private static string? Country(string? iso2) => string.IsNullOrWhiteSpace(iso2) ? null : iso2.Trim().ToUpperInvariant()[..Math.Min(2, iso2.Trim().Length)];

    private async Task LoadAsync() =>
        Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new Row(o.Id, o.Slug, o.Name, o.CountryIso2, db.Users.Count(u => u.OrganizationId == o.Id), o.Entries.Count))
            .ToListAsync();
}
