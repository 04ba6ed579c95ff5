using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UseCaseHub.Web.Tests.Identity;

namespace UseCaseHub.Web.Tests.Security;

/// <summary>Cookie-authenticated writes on /odata and /api need the antiforgery header and a same-site Origin; bearer calls do not.</summary>
public sealed class CsrfTests(IdentityHubFactory hub) : IClassFixture<IdentityHubFactory>
{
    private const string Draft = """{"Title":"CSRF target {0}","Summary":"Written through the API.","Stage":"Pilot","Sdgs":[{"Number":6}],"Countries":[{"Iso2":"KE"}],"Verticals":[{"Slug":"water"}]}""";

    [Fact]
    public async Task A_cookie_action_from_a_foreign_origin_without_a_token_is_refused()
    {
        var id = await CreateDraftWithBearerAsync();
        var browser = hub.Browser();
        await browser.SignInAsync("member@example.org", IdentityHubFactory.DemoPassword);

        using var foreign = await PostAsync(browser, $"/odata/UseCases({id})/UseCaseHub.Submit", origin: "https://evil.example", token: null);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains("Origin", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var noToken = await PostAsync(browser, $"/odata/UseCases({id})/UseCaseHub.Submit", origin: null, token: null);
        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", await noToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A good token does not make a foreign origin acceptable.
        var token = await TokenAsync(browser);
        using var foreignWithToken = await PostAsync(browser, $"/odata/UseCases({id})/UseCaseHub.Submit", origin: "https://evil.example", token);
        Assert.Equal(HttpStatusCode.Forbidden, foreignWithToken.StatusCode);
        Assert.Equal("Draft", await StatusOfAsync(id));
    }

    [Fact]
    public async Task A_cookie_action_with_a_valid_token_from_the_same_origin_passes()
    {
        var id = await CreateDraftWithBearerAsync();
        var browser = hub.Browser();
        await browser.SignInAsync("member@example.org", IdentityHubFactory.DemoPassword);
        var token = await TokenAsync(browser);

        using var submitted = await PostAsync(browser, $"/odata/UseCases({id})/UseCaseHub.Submit", origin: "http://localhost", token);
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        Assert.Equal("Submitted", await StatusOfAsync(id));
    }

    [Fact]
    public async Task Bearer_writes_need_no_antiforgery_token_whatever_their_origin()
    {
        var id = await CreateDraftWithBearerAsync();
        var access = await WriteTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/odata/UseCases({id})/UseCaseHub.Submit", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        request.Headers.Add("Origin", "https://tool.example");
        using var response = await hub.CreateClient().SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> TokenAsync(HttpClient browser)
    {
        using var response = await browser.GetAsync(new Uri("/api/antiforgery", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("X-CSRF-TOKEN", json.GetProperty("headerName").GetString());
        return json.GetProperty("token").GetString()!;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, string? origin, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (token is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", token);
        }

        return await browser.SendAsync(request);
    }

    private async Task<string> WriteTokenAsync() =>
        (await hub.CreateClient().ClientCredentialsAsync("demo-client", IdentityHubFactory.DemoSecret, "usecases.read usecases.write")).GetProperty("access_token").GetString()!;

    private async Task<string> CreateDraftWithBearerAsync()
    {
        var access = await WriteTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/odata/UseCases", UriKind.Relative))
        {
            Content = new StringContent(Draft.Replace("{0}", Guid.NewGuid().ToString("N")[..8], StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        using var response = await hub.CreateClient().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["Id"]!.ToString();
    }

    private async Task<string> StatusOfAsync(string id)
    {
        using var response = await hub.CreateClient().GetWithTokenAsync($"/odata/UseCases({id})?$select=Status", await WriteTokenAsync());
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Status"]!;
    }
}
