using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Pages.Admin;

/// <summary>Registers OpenID Connect clients; a client's secret is shown once, right after registration.</summary>
public sealed class ClientsModel(ClientRegistry registry, HubDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    [Required]
    [RegularExpression("[a-z0-9][a-z0-9._-]{2,99}")]
    [Display(Name = "Client id")]
    public string ClientId { get; set; } = "";

    [BindProperty]
    [Required]
    [StringLength(200)]
    [Display(Name = "Name")]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    public string? RedirectUris { get; set; }

    [BindProperty]
    public List<string> Scopes { get; set; } = [HubScopes.Read];

    [BindProperty]
    public bool ClientCredentials { get; set; }

    [BindProperty]
    public Guid? OrganizationId { get; set; }

    public List<RegisteredClient> Clients { get; private set; } = [];

    public Dictionary<Guid, string> OrganizationNames { get; private set; } = [];

    public IEnumerable<SelectListItem> OrganizationItems => OrganizationNames.Select(o => new SelectListItem(o.Value, o.Key.ToString()));

    public string? NewClientId { get; private set; }

    public string? NewSecret { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRegisterAsync()
    {
        var uris = new List<Uri>();
        foreach (var line in (RedirectUris ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate(line, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback))
            {
                uris.Add(uri);
            }
            else
            {
                ModelState.AddModelError(nameof(RedirectUris), text["Not an https (or loopback) address: {0}", line]);
            }
        }

        if (ClientCredentials && (OrganizationId is not { } id || !await db.Organizations.AnyAsync(o => o.Id == id)))
        {
            ModelState.AddModelError(nameof(OrganizationId), text["A machine client acts for an organisation: choose one."]);
        }

        if (!ClientCredentials && uris.Count == 0)
        {
            ModelState.AddModelError(nameof(RedirectUris), text["Give a redirect address, or make it a machine client."]);
        }

        if (await registry.FindAsync(ClientId) is not null)
        {
            ModelState.AddModelError(nameof(ClientId), text["This client id is taken."]);
        }

        if (ModelState.IsValid)
        {
            NewSecret = await registry.RegisterAsync(new ClientRegistration(ClientId, DisplayName, uris, Scopes, OrganizationId, ClientCredentials));
            NewClientId = ClientId;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string clientId)
    {
        await registry.DeleteAsync(clientId);
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Clients = await registry.ListAsync();
        OrganizationNames = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToDictionaryAsync(o => o.Id, o => o.Name);
    }
}
