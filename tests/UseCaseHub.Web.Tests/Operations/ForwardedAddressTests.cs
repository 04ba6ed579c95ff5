using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace UseCaseHub.Web.Tests.Operations;

/// <summary>
/// The host behind one trusted proxy (192.0.2.10); each request says which address its connection comes from
/// (X-Test-Peer, applied by a startup filter before the host's own middleware, as a socket would).
/// </summary>
public sealed class TrustedProxyHubFactory : HubFactory
{
    public const string Proxy = "192.0.2.10";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Identity:TrustForwardedHeaders", "true"), new("Identity:TrustedProxies:0", Proxy)];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, PeerFilter>());
    }

    private sealed class PeerFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                if (IPAddress.TryParse(context.Request.Headers["X-Test-Peer"].ToString(), out var peer))
                {
                    context.Connection.RemoteIpAddress = peer;
                }

                return then(context);
            });
            next(app);
        };
    }
}

/// <summary>A forged X-Forwarded-For from a stranger opens neither the metrics nor the health details; the trusted proxy's does.</summary>
public sealed class ForwardedAddressTests(TrustedProxyHubFactory hub) : IClassFixture<TrustedProxyHubFactory>
{
    private readonly HttpClient _client = hub.CreateClient();

    [Theory]
    [InlineData("203.0.113.9", "127.0.0.1", HttpStatusCode.Forbidden)] // a stranger claiming loopback
    [InlineData("203.0.113.9", null, HttpStatusCode.Forbidden)]
    [InlineData(TrustedProxyHubFactory.Proxy, "127.0.0.1", HttpStatusCode.OK)] // the proxy forwarding a loopback client
    [InlineData(TrustedProxyHubFactory.Proxy, "203.0.113.9", HttpStatusCode.Forbidden)] // the proxy forwarding a stranger
    [InlineData(TrustedProxyHubFactory.Proxy, "198.51.100.1, 127.0.0.1", HttpStatusCode.OK)] // only the proxy's own (last) entry counts
    [InlineData(TrustedProxyHubFactory.Proxy, "127.0.0.1, 203.0.113.9", HttpStatusCode.Forbidden)] // a client's forged first entry does not
    [InlineData("127.0.0.1", null, HttpStatusCode.OK)] // a loopback connection without a proxy
    public async Task Metrics_believe_the_forwarded_address_only_from_the_trusted_proxy(string peer, string? forwardedFor, HttpStatusCode expected)
    {
        using var response = await SendAsync("/metrics", peer, forwardedFor);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("203.0.113.9", "127.0.0.1", false)]
    [InlineData(TrustedProxyHubFactory.Proxy, "127.0.0.1", true)]
    [InlineData(TrustedProxyHubFactory.Proxy, "203.0.113.9", false)]
    public async Task Health_details_follow_the_same_rule(string peer, string forwardedFor, bool details)
    {
        using var response = await SendAsync("/health/ready", peer, forwardedFor);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.Equal(details, c.TryGetProperty("description", out _)));
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string peer, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Test-Peer", peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await _client.SendAsync(request);
    }
}
