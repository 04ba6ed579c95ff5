namespace UseCaseHub.Core.Access;

/// <summary>The hub's roles, as role claim values in cookies and tokens.</summary>
public static class HubRoles
{
    /// <summary>Submits and edits its own organisation's entries.</summary>
    public const string Member = "Member";

    /// <summary>Assesses and decides on entries; edits any entry's tags.</summary>
    public const string Curator = "Curator";

    /// <summary>Runs the hub: users, roles, clients, settings.</summary>
    public const string Admin = "Admin";

    /// <summary>Every hub role, least powerful first.</summary>
    public static readonly string[] All = [Member, Curator, Admin];
}

/// <summary>Claim types the hub reads from a signed-in user or a token.</summary>
public static class HubClaims
{
    /// <summary>The <see cref="Catalogue.Organization.Id"/> the user or client acts for.</summary>
    public const string Organization = "org";

    /// <summary>Role claims, as OpenID Connect and OpenIddict write them.</summary>
    public const string Role = "role";
}
