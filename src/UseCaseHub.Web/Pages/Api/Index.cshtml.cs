using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using UseCaseHub.Web.Api;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages.Api;

/// <summary>The human front page of the OData API: where it is, what to ask it, how to connect a spreadsheet.</summary>
public sealed class IndexModel(IOptions<ApiOptions> options, IOptions<SiteOptions> site) : PageModel
{
    public ApiOptions Limits => options.Value;

    /// <summary>Absolute, so the examples paste as they are into Excel or Power BI.</summary>
    public string ServiceRoot => $"{site.Value.PublicBaseFor(Request)}{ApiExtensions.Prefix}/";
}
