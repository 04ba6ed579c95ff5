using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string? RequestId { get; private set; }

    /// <summary>The search engine could not answer (503): the page says so, since every other page still works.</summary>
    public bool SearchUnavailable { get; private set; }

    /// <summary>Set when the page stands for a storage fault (full disk, read-only folder, locked database): a 503 to retry later.</summary>
    public Operations.StorageFault Fault { get; private set; }

    public void OnGet() => Explain();

    /// <summary>A failed form post is re-executed here as a POST: without this handler the page would render unexplained.</summary>
    public void OnPost() => Explain();

    private void Explain()
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        SearchUnavailable = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is SearchUnavailableException;
        Fault = Operations.StorageFaults.Classify(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error);
    }
}
