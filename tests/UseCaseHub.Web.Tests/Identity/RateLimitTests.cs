using System.Net;

namespace UseCaseHub.Web.Tests.Identity;

/// <summary>Sign-in, registration and the token endpoint turn floods away with 429.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_get_429_while_pages_still_load()
    {
        using var hub = new IdentityHubFactory(new Dictionary<string, string?> { ["Identity:RateLimits:FormPostsPerMinute"] = "3" });
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
        using var hub = new IdentityHubFactory(new Dictionary<string, string?> { ["Identity:RateLimits:TokenRequestsPerMinute"] = "3" });
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
}
