using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Web.Tests.Identity;

namespace UseCaseHub.Web.Tests.Operations;

/// <summary>
/// A stream of writes through the real doors of a host process: a member's API client (client-credentials token)
/// creates, edits and submits drafts; a curator signed in on the site (cookie + antiforgery header) claims and
/// publishes them. It remembers what the host acknowledged, and the one write in flight when the host died.
/// </summary>
internal sealed class HubWriter
{
    private const string Scopes = "usecases.read usecases.write";
    private readonly Random _random;
    private int _next;

    public HubWriter(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>Every probe entry the host acknowledged, as acknowledged (or as later found in the store).</summary>
    public Dictionary<Guid, Probe> Acknowledged { get; } = [];

    /// <summary>The write sent but not answered when the host died (its outcome is either state).</summary>
    public InFlight? Pending { get; private set; }

    public int Writes { get; private set; }

    public sealed record Probe(Guid Id, int Number, int Revision, EntryStatus Status)
    {
        public string Title => TitleOf(Number, Revision);

        public string Token => TokenOf(Number);
    }

    /// <summary>A write whose answer never came: the entry (null for a create), and the state it would leave.</summary>
    public sealed record InFlight(Guid? Id, Probe After);

    public static string TokenOf(int number) => $"zq{number}";

    public static string TitleOf(int number, int revision) => $"Crash probe {TokenOf(number)} rev{revision}";

    /// <summary>The two sessions against one running host.</summary>
    public sealed class Sessions(HttpClient member, HttpClient curator, string csrf)
    {
        public HttpClient Member { get; } = member;
        public HttpClient Curator { get; } = curator;
        public string Csrf { get; } = csrf;
    }

    public static async Task<Sessions> SignInAsync(Uri address)
    {
        var member = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var token = await member.ClientCredentialsAsync("demo-client", IdentityHubFactory.DemoSecret, Scopes);
        member.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());

        var curator = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        await curator.SignInAsync("curator@example.org", IdentityHubFactory.DemoPassword);
        var antiforgery = JsonDocument.Parse(await curator.GetStringAsync(new Uri("/api/antiforgery", UriKind.Relative)));
        return new Sessions(member, curator, antiforgery.RootElement.GetProperty("token").GetString()!);
    }

    /// <summary>Writes until the host stops answering (it was killed) or <paramref name="stop"/> is set.</summary>
    public async Task RunAsync(Sessions sessions, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await StepAsync(sessions);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
            {
                return; // the host died mid-write: Pending holds what was in flight
            }
        }
    }

    private async Task StepAsync(Sessions sessions)
    {
        var open = Acknowledged.Values.Where(p => p.Status is not EntryStatus.Published).ToList();
        if (open.Count < 3 || _random.NextDouble() < 0.25)
        {
            await CreateAsync(sessions);
            return;
        }

        var probe = open[_random.Next(open.Count)];
        switch (probe.Status)
        {
            case EntryStatus.Draft when _random.NextDouble() < 0.6:
                await EditAsync(sessions, probe);
                break;
            case EntryStatus.Draft:
                await MoveAsync(sessions.Member, null, probe, "Submit", null, EntryStatus.Submitted);
                break;
            case EntryStatus.Submitted:
                await MoveAsync(sessions.Curator, sessions.Csrf, probe, "Claim", null, EntryStatus.UnderAssessment);
                break;
            case EntryStatus.UnderAssessment:
                await MoveAsync(sessions.Curator, sessions.Csrf, probe, "Decide", """{"Decision":"Publish","Note":"Crash test"}""", EntryStatus.Published);
                break;
            default:
                throw new InvalidOperationException($"Probe {probe.Number} is {probe.Status}");
        }
    }

    private async Task CreateAsync(Sessions sessions)
    {
        var number = ++_next;
        var draft = new JsonObject
        {
            ["Title"] = TitleOf(number, 0),
            ["Summary"] = "A write the crash test must find after every kill.",
            ["Stage"] = "Pilot",
            ["Sdgs"] = new JsonArray(new JsonObject { ["Number"] = 6 }),
            ["Verticals"] = new JsonArray(new JsonObject { ["Slug"] = "water" }),
        };
        Pending = new InFlight(null, new Probe(Guid.Empty, number, 0, EntryStatus.Draft));
        var body = await SendAsync(sessions.Member, null, HttpMethod.Post, "/odata/UseCases", draft.ToJsonString(), null, HttpStatusCode.Created);
        var id = Guid.Parse((string)body["Id"]!);
        Acknowledged[id] = new Probe(id, number, 0, EntryStatus.Draft);
        Pending = null;
    }

    private async Task EditAsync(Sessions sessions, Probe probe)
    {
        var path = $"/odata/UseCases({probe.Id})";
        var current = await SendAsync(sessions.Member, null, HttpMethod.Get, path, null, null, HttpStatusCode.OK);
        var after = probe with { Revision = probe.Revision + 1 };
        Pending = new InFlight(probe.Id, after);
        var change = new JsonObject { ["Title"] = after.Title }.ToJsonString();
        await SendAsync(sessions.Member, null, HttpMethod.Patch, path, change, (string)current["@odata.etag"]!, HttpStatusCode.OK);
        Acknowledged[probe.Id] = after;
        Pending = null;
    }

    private async Task MoveAsync(HttpClient client, string? csrf, Probe probe, string action, string? body, EntryStatus to)
    {
        Pending = new InFlight(probe.Id, probe with { Status = to });
        await SendAsync(client, csrf, HttpMethod.Post, $"/odata/UseCases({probe.Id})/UseCaseHub.{action}", body, null, HttpStatusCode.OK);
        Acknowledged[probe.Id] = probe with { Status = to };
        Pending = null;
    }

    private async Task<JsonNode> SendAsync(HttpClient client, string? csrf, HttpMethod method, string path, string? body, string? ifMatch, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", csrf);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // 204 for an action without a body is as good as 200.
        var ok = response.StatusCode == expected || (expected == HttpStatusCode.OK && response.StatusCode == HttpStatusCode.NoContent);
        Assert.True(ok, $"{method} {path}: {(int)response.StatusCode} {text}");
        Writes++;
        return text.Length > 0 ? JsonNode.Parse(text)! : new JsonObject();
    }

    /// <summary>After a restart: the store's state of each probe becomes the new baseline (once the test has checked it).</summary>
    public void Adopt(IEnumerable<Probe> stored)
    {
        foreach (var probe in stored)
        {
            Acknowledged[probe.Id] = probe;
            _next = Math.Max(_next, probe.Number);
        }

        Pending = null;
    }
}
