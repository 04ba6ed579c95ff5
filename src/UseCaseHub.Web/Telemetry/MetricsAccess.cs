using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Telemetry;

/// <summary>
/// Who may read the metrics and the health details: a caller from a configured address range (the forwarded address only
/// when the connection came from one of Identity:TrustedProxies, never a stranger's header) or one presenting the metrics token.
/// </summary>
public sealed class MetricsAccess
{
    private readonly IPNetwork[] _networks;
    private readonly byte[]? _token;

    private readonly TrustedProxies _proxies;

    public MetricsAccess(IOptions<TelemetryOptions> options, TrustedProxies proxies)
    {
        _proxies = proxies;
        var metrics = options.Value.Metrics;
        _networks = [.. metrics.AllowedNetworks.Select(n => IPNetwork.Parse(n))];
        _token = string.IsNullOrEmpty(metrics.Token) ? null : Encoding.UTF8.GetBytes(metrics.Token);
    }

    public bool Allows(HttpContext context) => TrustedProxies.InAny(_networks, _proxies.ClientAddress(context)) || HasToken(context.Request);

    private bool HasToken(HttpRequest request)
    {
        if (_token is null)
        {
            return false;
        }

        var header = request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Constant time, so the token cannot be guessed a byte at a time from response times.
        var presented = Encoding.UTF8.GetBytes(header[Bearer.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _token);
    }
}
