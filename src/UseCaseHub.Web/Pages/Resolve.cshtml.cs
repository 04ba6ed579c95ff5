using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages;

/// <summary>Resolves a persistent identifier (<c>UC-2026-00042</c> or the entry's UUID) to the entry's page.</summary>
public sealed class ResolveModel(CatalogueQueries catalogue) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string pid, CancellationToken cancellationToken)
    {
        var path = await catalogue.PathOfAsync(pid, cancellationToken);
        return path is null ? NotFound() : Redirect(Url.Content("~" + path));
    }
}
