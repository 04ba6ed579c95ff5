using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace UseCaseHub.Web.Tests.Identity;

/// <summary>What a browser and an OAuth client do over HTTP: forms with antiforgery tokens, token requests, mails.</summary>
internal static partial class Http
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("https?://[^\\s]+")]
    private static partial Regex Link();

    /// <summary>Loads the page holding the form, then posts the fields with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string page, IDictionary<string, string> fields, string? action = null)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {page}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(new Uri(action ?? page, UriKind.Relative), content);
    }

    /// <summary>As <see cref="SubmitAsync(HttpClient, string, IDictionary{string, string}, string?)"/>, with repeated fields (checkboxes).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string page, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {page}");
        var form = fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))).ToList();
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(new Uri(action ?? page, UriKind.Relative), content);
    }

    public static async Task SignInAsync(this HttpClient client, string email, string password)
    {
        using var response = await client.SubmitAsync("/account/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Authorization code + PKCE as <paramref name="email"/> signed in on the site would run it; the token endpoint's answer.</summary>
    public static async Task<JsonElement> CodeFlowAsync(this IdentityHubFactory hub, string email, string clientId, string secret, string scope, string callback)
    {
        var browser = hub.Browser();
        await browser.SignInAsync(email, IdentityHubFactory.DemoPassword);
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        using var authorized = await browser.GetAsync(new Uri(
            $"/connect/authorize?client_id={clientId}&response_type=code&redirect_uri={Uri.EscapeDataString(callback)}&scope={Uri.EscapeDataString(scope)}&code_challenge={challenge}&code_challenge_method=S256",
            UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);
        var code = QueryHelpers.ParseQuery(authorized.Headers.Location!.Query)["code"].ToString();
        return await hub.CreateClient().TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = callback,
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["code_verifier"] = verifier,
        });
    }

    public static async Task<HttpResponseMessage> TokenRequestAsync(this HttpClient client, IDictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri("/connect/token", UriKind.Relative), content);
    }

    public static async Task<JsonElement> TokenAsync(this HttpClient client, IDictionary<string, string> fields)
    {
        using var response = await client.TokenRequestAsync(fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"token endpoint answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<JsonElement> ClientCredentialsAsync(this HttpClient client, string clientId, string secret, string scope) =>
        client.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        });

    public static async Task<HttpResponseMessage> GetWithTokenAsync(this HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> MeAsync(this HttpClient client, string token)
    {
        using var response = await client.GetWithTokenAsync("/api/me", token);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/api/me answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static string[] Strings(this JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>The text of the newest mail to <paramref name="recipient"/> in the pickup directory.</summary>
    public static string MailTo(string dataPath, string recipient)
    {
        var directory = Path.Combine(dataPath, "mail");
        var mails = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.eml").Select(f => (File: f, Text: File.ReadAllText(f))).OrderByDescending(m => File.GetLastWriteTimeUtc(m.File)).ToList()
            : [];
        var mail = mails.FirstOrDefault(m => m.Text.Contains("To: " + recipient, StringComparison.OrdinalIgnoreCase));
        Assert.True(mail.File is not null, $"no mail to {recipient} in {directory}");
        var headerEnd = mail.Text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var body = mail.Text[(headerEnd + 4)..].Replace("\r\n", "", StringComparison.Ordinal).Trim();
        return Encoding.UTF8.GetString(Convert.FromBase64String(body));
    }

    /// <summary>The path and query of the first link in a mail (the test server answers any host).</summary>
    public static string LinkIn(string text)
    {
        var match = Link().Match(text);
        Assert.True(match.Success, $"no link in: {text}");
        return new Uri(match.Value).PathAndQuery;
    }
}
