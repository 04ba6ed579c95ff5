using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using UseCaseHub.Web.Telemetry;

namespace UseCaseHub.Web.Tests.Operations;

/// <summary>The Prometheus endpoint: what it exports, and that only the configured addresses or the token may read it.</summary>
public sealed class MetricsTests(OperatorHubFactory hub) : IClassFixture<OperatorHubFactory>
{
    private readonly HttpClient _client = hub.CreateClient();

    [Fact]
    public async Task The_token_reads_http_search_store_and_queue_metrics()
    {
        using (var search = await _client.GetAsync(new Uri("/api/search?q=water", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new("Bearer", OperatorHubFactory.Token);
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("usecasehub_search_duration_seconds_count{", text, StringComparison.Ordinal);
        Assert.Contains("operation=\"search\"", text, StringComparison.Ordinal);
        Assert.Contains("engine=\"Lucene\"", text, StringComparison.Ordinal);
        Assert.Contains("usecasehub_outbox_pending", text, StringComparison.Ordinal);
        Assert.Contains("usecasehub_mail_pending", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("operator-token-0123456789abcdef0123456788")] // one character off
    [InlineData("operator")]
    public async Task Strangers_and_wrong_tokens_are_refused_with_a_problem(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("usecasehub_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("10.255.255.255", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("fd00::1", true)]
    [InlineData("fe80::1", false)]
    public void Addresses_are_matched_against_the_configured_ranges(string address, bool allowed)
    {
        var access = new MetricsAccess(Options.Create(new TelemetryOptions
        {
            Metrics = new() { AllowedNetworks = ["10.0.0.0/8", "fd00::/8"] },
        }), new Web.Identity.TrustedProxies(Options.Create(new Web.Identity.HubIdentityOptions())));
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);

        Assert.Equal(allowed, access.Allows(context));
    }
}

/// <summary>From loopback (the default allowed range) over a real socket, no token is needed.</summary>
public sealed class LoopbackMetricsTests
{
    [Fact]
    public async Task Loopback_reads_the_metrics_without_a_token()
    {
        using var hub = new HubFactory();
        hub.UseKestrel(0);
        hub.StartServer();
        using var client = new HttpClient { BaseAddress = hub.ClientOptions.BaseAddress };

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("usecasehub_outbox_pending", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
