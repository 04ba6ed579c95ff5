using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Insights;

/// <summary>
/// Counts a view when an entry page (either kind, any language version) is about to be shown: after its handler found the
/// entry, only for public entries (a member previewing a draft is not a reader), against the entry's id (a translation's
/// view counts for its entry). Not the print layout (<see cref="EntryDetailPage.CountsAsView"/>): opening it from the entry's
/// page is not a second view. A page filter, so the entry pages themselves need no change.
/// </summary>
internal sealed class EntryViewFilter(EntryTraffic traffic) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.HandlerInstance is EntryDetailPage { CountsAsView: true, Entry: { } entry } && executed.Result is PageResult && entry.Status.IsPublic())
        {
            traffic.View(executed.HttpContext, entry.Id);
        }
    }
}
