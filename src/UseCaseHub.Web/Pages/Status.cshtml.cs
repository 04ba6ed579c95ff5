using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace UseCaseHub.Web.Pages;

/// <summary>The friendly page for an error status (404 and the like), shown in place of an empty response.</summary>
/// <remarks>A refused form post is re-executed here as a post: its antiforgery check must not turn the 403 into a 400.</remarks>
[IgnoreAntiforgeryToken]
public sealed class StatusModel(IStringLocalizer<SharedResource> text) : PageModel
{
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int code)
    {
        // Reached directly, the page answers 404; reached through re-execution it keeps the original status.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            code = StatusCodes.Status404NotFound;
            Response.StatusCode = code;
        }

        (Heading, Explanation) = code switch
        {
            StatusCodes.Status404NotFound => (text["Page not found"].Value, text["There is no page at this address. It may have moved; try the lists of use cases and best practices."].Value),
            StatusCodes.Status400BadRequest => (text["Bad request"].Value, text["The address or form could not be understood. Check it and try again."].Value),
            StatusCodes.Status429TooManyRequests => (text["Too many requests"].Value, text["Too many requests in a short time. Wait a minute before trying again."].Value),
            StatusCodes.Status403Forbidden => (text["Not allowed"].Value, text["You do not have access to this page."].Value),
            _ => (text["Something went wrong"].Value, text["The page could not be shown. Please try again later."].Value),
        };
    }
}
