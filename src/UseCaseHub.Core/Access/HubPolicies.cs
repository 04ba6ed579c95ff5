namespace UseCaseHub.Core.Access;

/// <summary>
/// The authorization policy names of the three roles, in one place (the web host registers them in
/// <c>AddHubAccess</c>). What each role may do to an entry is <see cref="Workflow.EntryWorkflow"/>'s; a policy only
/// lets the caller reach the door.
/// </summary>
public static class HubPolicies
{
    /// <summary>A member acting for an organisation (the <see cref="HubClaims.Organization"/> claim is required).</summary>
    public const string Member = "Hub.Member";

    /// <summary>Curator operations (claim, assess, decide, retag, retire): curators, and admins, who may do all.</summary>
    public const string Curator = "Hub.Curator";

    /// <summary>Admin-only operations (users, roles, organisations, clients, reassigning). Same name as the admin pages' policy.</summary>
    public const string Admin = "Admin";
}
