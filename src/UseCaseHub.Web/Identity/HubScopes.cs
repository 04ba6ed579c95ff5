using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UseCaseHub.Web.Identity;

/// <summary>The scopes clients may ask for, and the audience of tokens meant for the hub's API.</summary>
public static class HubScopes
{
    public const string Read = "usecases.read";
    public const string Write = "usecases.write";
    public const string Curate = "usecases.curate";

    /// <summary>The <c>aud</c> of access tokens the API accepts.</summary>
    public const string ApiResource = "usecasehub-api";

    public static readonly string[] Api = [Read, Write, Curate];

    /// <summary>Every scope a client can be allowed (openid and offline_access come with the code flow).</summary>
    public static readonly string[] Grantable = [Scopes.Profile, Scopes.Email, Scopes.Roles, Read, Write, Curate];
}
