using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Web.Submit;

/// <summary>A workflow state as the site names it, in the reader's language.</summary>
public static class StatusText
{
    /// <summary>The resource key (English text) of a state.</summary>
    public static string Of(EntryStatus status) => status switch
    {
        EntryStatus.Draft => "Draft",
        EntryStatus.Submitted => "Submitted",
        EntryStatus.UnderAssessment => "Under assessment",
        EntryStatus.ReturnedForRevision => "Returned for revision",
        EntryStatus.Published => "Published",
        EntryStatus.Rejected => "Rejected",
        EntryStatus.Withdrawn => "Withdrawn",
        _ => "Retired",
    };

    public static string Say(IStringLocalizer T, EntryStatus status)
    {
        ArgumentNullException.ThrowIfNull(T);
        return T[Of(status)];
    }
}
