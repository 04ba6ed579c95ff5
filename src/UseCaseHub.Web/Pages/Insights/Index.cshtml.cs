using Microsoft.AspNetCore.Mvc.RazorPages;
using UseCaseHub.Web.Insights;

namespace UseCaseHub.Web.Pages.Insights;

/// <summary><c>/insights</c>: the coverage dashboard, public, server-rendered SVG charts each with its data table.</summary>
public sealed class IndexModel(InsightsBuilder insights) : PageModel
{
    public InsightsDashboard Dashboard { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Dashboard = await insights.GetAsync(cancellationToken);
}
