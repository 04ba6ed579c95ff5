using System.Net;

namespace UseCaseHub.Web.Tests.Security;

/// <summary>The host with a security contact and a public address configured.</summary>
public sealed class SecurityContactHubFactory : HubFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Security:Contact", "mailto:security@usecases.example.org"),
        new("Site:PublicBaseUrl", "https://usecases.example.org/"),
    ];
}

public sealed class SecurityContactTests(SecurityContactHubFactory hub) : IClassFixture<SecurityContactHubFactory>
{
    [Fact]
    public async Task Security_txt_names_the_contact_an_expiry_within_a_year_and_the_canonical_public_address()
    {
        using var client = hub.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/.well-known/security.txt", UriKind.Relative));
        request.Headers.Host = "evil.example";
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var fields = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(": ", 2)).ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        Assert.Equal("mailto:security@usecases.example.org", fields["Contact"]);
        Assert.Equal("https://usecases.example.org/.well-known/security.txt", fields["Canonical"]);
        Assert.StartsWith("en, fr, es, ar, ru, zh", fields["Preferred-Languages"], StringComparison.Ordinal);
        var expires = DateTimeOffset.Parse(fields["Expires"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(365));
    }
}

public sealed class SecurityContactAbsentTests(HubFactory hub) : IClassFixture<HubFactory>
{
    [Fact]
    public async Task Without_a_configured_contact_there_is_no_security_txt()
    {
        using var client = hub.CreateClient();
        using var response = await client.GetAsync(new Uri("/.well-known/security.txt", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
