using System.Net;

namespace UseCaseHub.Web.Tests.Identity;

/// <summary>Sign-in, registration, the token endpoint, search, OData reads and every API write turn floods away with 429.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_get_429_while_pages_still_load()
    {
        using var hub = new IdentityHubFactory(new Dictionary<string, string?> { ["Identity:RateLimits:Enabled"] = "true", ["Identity:RateLimits:FormPostsPerMinute"] = "3" });
        var browser = hub.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Email"] = "nobody@example.net", ["Password"] = "wrong password" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        using var page = await browser.GetAsync(new Uri("/account/register", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var register = await browser.SubmitAsync("/account/register", new Dictionary<string, string> { ["Email"] = "x@example.net" });
        Assert.Equal(HttpStatusCode.TooManyRequests, register.StatusCode);
    }

    [Fact]
    public async Task Token_requests_beyond_the_limit_get_429()
    {
        using var hub = new IdentityHubFactory(new Dictionary<string, string?> { ["Identity:RateLimits:Enabled"] = "true", ["Identity:RateLimits:TokenRequestsPerMinute"] = "3" });
        var client = hub.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await client.TokenRequestAsync(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "demo-client",
                ["client_secret"] = IdentityHubFactory.DemoSecret,
                ["scope"] = "usecases.read",
            });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_burst_of_api_searches_gets_429_with_retry_after_for_that_address_only()
    {
        using var hub = LimitedHub(new() { ["Identity:RateLimits:SearchRequestsPerMinute"] = "3" });
        var client = hub.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await SendFromAsync(client, HttpMethod.Get, "/api/search?q=water", "203.0.113.1");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using (var suggest = await SendFromAsync(client, HttpMethod.Get, "/api/suggest?q=wat", "203.0.113.1"))
        {
            // Suggestions have their own, larger allowance: typing must not use up the searches.
            Assert.Equal(HttpStatusCode.OK, suggest.StatusCode);
        }

        using var other = await SendFromAsync(client, HttpMethod.Get, "/api/search?q=water", "203.0.113.2");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Theory]
    [InlineData("/feed.atom?q=water")]
    [InlineData("/insights")]
    [InlineData("/api/insights/sdg-region")]
    public async Task Feeds_and_the_dashboard_count_as_searches(string path)
    {
        using var hub = LimitedHub(new() { ["Identity:RateLimits:SearchRequestsPerMinute"] = "2" });
        var client = hub.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await SendFromAsync(client, HttpMethod.Get, path, "203.0.113.7");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Offline_downloads_have_their_own_small_allowance_apart_from_searches()
    {
        using var hub = LimitedHub(new() { ["Identity:RateLimits:OfflineRequestsPerMinute"] = "2" });
        var client = hub.CreateClient();
        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/search/offline?q=water", "/search/offline.zip?q=water", "/search/offline.zip?q=reef" })
        {
            using var response = await SendFromAsync(client, HttpMethod.Get, path, "203.0.113.3");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var search = await SendFromAsync(client, HttpMethod.Get, "/api/search?q=water", "203.0.113.3");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_person_is_limited_as_themself_not_by_the_address_they_share()
    {
        using var hub = LimitedHub(new() { ["Identity:RateLimits:SearchRequestsPerMinute"] = "2" });
        var anonymous = hub.CreateClient();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await SendFromAsync(anonymous, HttpMethod.Get, "/search?q=water", "203.0.113.5");
            Assert.Equal(attempt < 2 ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests, response.StatusCode);
            if (attempt == 2)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                // The site answers with its friendly page.
                Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        var browser = hub.Browser();
        await browser.SignInAsync("member@example.org", IdentityHubFactory.DemoPassword);
        using var signedIn = await SendFromAsync(browser, HttpMethod.Get, "/search?q=water", "203.0.113.5");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task OData_reads_and_api_writes_are_limited()
    {
        using var hub = LimitedHub(new() { ["Identity:RateLimits:ODataReadsPerMinute"] = "2", ["Identity:RateLimits:WritesPerMinute"] = "2" });
        var client = hub.CreateClient();
        var reads = new List<HttpStatusCode>();
        var writes = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var read = await SendFromAsync(client, HttpMethod.Get, "/odata/Sdgs?$top=1", "203.0.113.9");
            reads.Add(read.StatusCode);
            using var write = await SendFromAsync(client, HttpMethod.Post, "/odata/UseCases", "203.0.113.9");
            writes.Add(write.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], reads);
        Assert.Equal(HttpStatusCode.TooManyRequests, writes[2]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, writes.Take(2));
    }

    [Fact]
    public async Task Switched_off_no_burst_is_limited()
    {
        using var hub = LimitedHub(new() { ["Identity:RateLimits:Enabled"] = "false", ["Identity:RateLimits:SearchRequestsPerMinute"] = "1" });
        var client = hub.CreateClient();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await SendFromAsync(client, HttpMethod.Get, "/api/search?q=water", "203.0.113.1");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>Limits on, and X-Forwarded-For trusted so each test request can come from its own address.</summary>
    private static IdentityHubFactory LimitedHub(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Identity:RateLimits:Enabled", "true");
        settings["Identity:TrustForwardedHeaders"] = "true";
        return new IdentityHubFactory(settings);
    }

    private static async Task<HttpResponseMessage> SendFromAsync(HttpClient client, HttpMethod method, string path, string address)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", address);
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }
}
