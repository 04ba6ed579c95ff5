using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace UseCaseHub.Web.Identity;

/// <summary>
/// The proxies configured in <c>Identity:TrustedProxies</c>, and the address a request arrived from before their
/// forwarded headers rewrote it: whoever decides on the client's address (the metrics, the health details) believes the
/// forwarded one only when the connection really came from one of these proxies.
/// </summary>
public sealed class TrustedProxies
{
    public const string Key = HubIdentityOptions.Section + ":" + nameof(HubIdentityOptions.TrustedProxies);

    private readonly IPNetwork[] _networks;

    public TrustedProxies(IOptions<HubIdentityOptions> options)
    {
        var settings = options.Value;
        // Every entry parses: AddHubIdentity validates the list at start.
        _networks = settings.TrustForwardedHeaders ? [.. settings.TrustedProxies.Select(TryParse).OfType<IPNetwork>()] : [];
    }

    public IReadOnlyList<IPNetwork> Networks => _networks;

    /// <summary>A CIDR range ("10.0.0.0/8") or a single address ("192.0.2.7", taken as /32 or /128); null if neither.</summary>
    public static IPNetwork? TryParse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (IPNetwork.TryParse(value.Trim(), out var network))
        {
            return network;
        }

        return IPAddress.TryParse(value.Trim(), out var address)
            ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            : null;
    }

    /// <summary>Is this (connection) address one of the configured proxies? Never true when none is configured.</summary>
    public bool Contains(IPAddress? address) => InAny(_networks, address);

    /// <summary>Whether the address lies in one of the networks (an IPv4 address mapped into IPv6, as a dual-stack socket reports it, as IPv4).</summary>
    public static bool InAny(IReadOnlyList<IPNetwork> networks, IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(networks);
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return networks.Any(n => n.Contains(address));
    }

    /// <summary>
    /// The client's address as far as it can be believed: the forwarded one when the connection came from a trusted proxy,
    /// the connection's own otherwise (a stranger's X-Forwarded-For proves nothing).
    /// </summary>
    public IPAddress? ClientAddress(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var peer = context.Features.Get<PeerAddressFeature>();
        if (peer is null)
        {
            return context.Connection.RemoteIpAddress;
        }

        return Contains(peer.Address) ? context.Connection.RemoteIpAddress : peer.Address;
    }

    /// <summary>Builds the forwarded-headers options: only the configured proxies (or, in Development and Testing with none configured, any sender).</summary>
    internal ForwardedHeadersOptions BuildForwardedHeadersOptions(int forwardLimit)
    {
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = forwardLimit,
        };
        // The defaults (loopback) are replaced by the operator's list; an empty list is refused at start outside
        // Development and Testing (see AddHubIdentity), where it means "the proxy is the only way in".
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        foreach (var network in _networks)
        {
            forwarded.KnownIPNetworks.Add(network);
        }

        return forwarded;
    }
}

/// <summary>The connection's own address, kept before the forwarded headers rewrite it.</summary>
public sealed record PeerAddressFeature(IPAddress? Address);
