using Microsoft.AspNetCore.Identity;
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Accounts;

/// <summary>A person with an account: acts for one organisation (once an admin or registration attached one).</summary>
public sealed class HubUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public Guid? OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    /// <summary>The organisation named at registration when it already existed: an admin decides whether to attach it.</summary>
    public string? RequestedOrganization { get; set; }

    public string? CountryIso2 { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The person turned notification mail off on the profile page (the inbox keeps every notification either way).
    /// Stored as an opt-out so existing accounts keep getting mail without a default-value column.
    /// </summary>
    public bool NotificationMailOff { get; set; }
}
