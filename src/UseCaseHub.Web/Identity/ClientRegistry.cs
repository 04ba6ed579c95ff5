using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;
using UseCaseHub.Core.Access;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UseCaseHub.Web.Identity;

/// <summary>What an admin registers: a confidential client, for people (code + PKCE) and/or a machine (client credentials).</summary>
public sealed record ClientRegistration(
    string ClientId,
    string DisplayName,
    IReadOnlyList<Uri> RedirectUris,
    IReadOnlyList<string> Scopes,
    Guid? OrganizationId,
    bool ClientCredentials);

public sealed record RegisteredClient(string ClientId, string? DisplayName, Guid? OrganizationId, IReadOnlyList<string> Permissions, IReadOnlyList<string> RedirectUris);

/// <summary>The OpenID Connect clients, kept in OpenIddict's application store.</summary>
public sealed class ClientRegistry(IOpenIddictApplicationManager applications)
{
    public async Task<RegisteredClient?> FindAsync(string clientId, CancellationToken cancellationToken = default)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        return application is null ? null : await DescribeAsync(application, cancellationToken);
    }

    public async Task<List<RegisteredClient>> ListAsync(CancellationToken cancellationToken = default)
    {
        var clients = new List<RegisteredClient>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            clients.Add(await DescribeAsync(application, cancellationToken));
        }

        return [.. clients.OrderBy(c => c.ClientId, StringComparer.Ordinal)];
    }

    /// <summary>Registers the client; returns its secret, which is stored only as a hash and never shown again.</summary>
    public async Task<string> RegisterAsync(ClientRegistration registration, string? secret = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (registration.ClientCredentials && registration.OrganizationId is null)
        {
            throw new ArgumentException("A client-credentials client acts for an organisation.", nameof(registration));
        }

        secret ??= WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = registration.ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = registration.DisplayName,
        };
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.Endpoints.Introspection]);
        if (registration.RedirectUris.Count > 0)
        {
            descriptor.RedirectUris.UnionWith(registration.RedirectUris);
            descriptor.PostLogoutRedirectUris.UnionWith(registration.RedirectUris);
            descriptor.Permissions.UnionWith([
                Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        if (registration.ClientCredentials)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }

        descriptor.Permissions.UnionWith(registration.Scopes.Where(HubScopes.Grantable.Contains).Select(s => Permissions.Prefixes.Scope + s));
        if (registration.OrganizationId is { } organization)
        {
            descriptor.Properties[HubClaims.Organization] = JsonSerializer.SerializeToElement(organization);
        }

        await applications.CreateAsync(descriptor, cancellationToken);
        return secret;
    }

    public async Task<bool> DeleteAsync(string clientId, CancellationToken cancellationToken = default)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return false;
        }

        await applications.DeleteAsync(application, cancellationToken);
        return true;
    }

    private async Task<RegisteredClient> DescribeAsync(object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        Guid? organization = properties.TryGetValue(HubClaims.Organization, out var value) && value.TryGetGuid(out var id) ? id : null;
        return new RegisteredClient(
            (await applications.GetClientIdAsync(application, cancellationToken))!,
            await applications.GetDisplayNameAsync(application, cancellationToken),
            organization,
            [.. await applications.GetPermissionsAsync(application, cancellationToken)],
            [.. await applications.GetRedirectUrisAsync(application, cancellationToken)]);
    }
}
