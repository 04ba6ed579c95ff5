using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Tests.Security;

/// <summary>
/// Issue 10's access matrix: every route of the host (read from its endpoint data sources, so a new page or API
/// cannot be forgotten) × every caller, with the answer each must get and no response showing an entry that caller
/// may not see. Failures are listed together: route, method, caller, expected, actual.
/// </summary>
public sealed class AccessMatrixTests(AccessMatrixFixture hub) : IClassFixture<AccessMatrixFixture>
{
    [Fact]
    public void Every_route_of_the_host_has_a_row_and_every_row_a_route()
    {
        var rows = AccessMatrix.Build(hub);
        var routes = Routes();
        // The enumeration itself must see every kind of endpoint, or the check below proves nothing.
        Assert.Contains("Admin/Users", routes.Keys);
        Assert.Contains("odata/UseCases({key})", routes.Keys);
        Assert.Contains("api/search", routes.Keys);
        Assert.Contains("connect/token", routes.Keys);
        var problems = new List<string>();
        foreach (var (template, methods) in routes.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var row = rows.FirstOrDefault(r => !r.Middleware && Same(r.Template, template));
            if (row is null)
            {
                problems.Add($"route without a row in AccessMatrix: {template} [{string.Join(',', methods)}]");
                continue;
            }

            var missing = methods.Contains("*") ? (row.Probes.Any(p => p.Method == "GET") ? [] : new[] { "GET" })
                : methods.Where(m => !row.Probes.Any(p => p.Method == m));
            problems.AddRange(missing.Select(m => $"method without a probe in AccessMatrix: {m} {template}"));
        }

        problems.AddRange(rows.Where(r => !r.Middleware && !routes.Keys.Any(t => Same(t, r.Template)))
            .Select(r => $"row for a route the host no longer has: {r.Template}"));
        problems.AddRange(rows.GroupBy(r => Normalize(r.Template), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"two rows for one route: {g.Key}"));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task Every_caller_gets_the_expected_answer_on_every_route_and_sees_no_entry_it_may_not()
    {
        var probes = AccessMatrix.Build(hub).SelectMany(r => r.Probes.Select(p => (Row: r, Probe: p))).ToList();
        var failures = new ConcurrentBag<string>();
        var before = await StampsAsync();
        // Reads first (callers in parallel), then the unsafe probes, which change nothing when the rules hold.
        foreach (var phase in new[] { probes.Where(p => p.Probe.IsSafe).ToList(), probes.Where(p => !p.Probe.IsSafe).ToList() })
        {
            await Task.WhenAll(Enum.GetValues<MatrixCaller>().Select(async caller =>
            {
                foreach (var (row, probe) in phase)
                {
                    foreach (var failure in await CheckAsync(row, probe, caller))
                    {
                        failures.Add(failure);
                    }
                }
            }));
        }

        var after = await StampsAsync();
        foreach (var secret in hub.Secrets.Where(s => before[s.Id] != after[s.Id]))
        {
            failures.Add($"an unsafe probe changed {secret.Name}: {before[secret.Id]} became {after[secret.Id]}");
        }

        var report = failures.Order(StringComparer.Ordinal).ToList();
        Assert.True(report.Count == 0, $"{report.Count} of {probes.Count * Enum.GetValues<MatrixCaller>().Length} answers are wrong:\n" + string.Join('\n', report));
    }

    private async Task<List<string>> CheckAsync(Row row, Probe probe, MatrixCaller caller)
    {
        using var request = hub.Request(caller, new HttpMethod(probe.Method), probe.Url);
        if (probe.Body is not null)
        {
            request.Content = new StringContent(probe.Body, Encoding.UTF8);
            request.Content.Headers.ContentType = new(probe.ContentType ?? "application/json");
        }

        if (probe.IfMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", probe.IfMatch);
        }

        using var response = await hub.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var failures = new List<string>();
        var where = $"{probe.Method} {probe.Url} [{row.Template}] as {caller}:";
        var expected = probe.Expect.For(caller);
        if (!Expect.Matches(expected, response.StatusCode, response.Headers.Location))
        {
            var location = response.Headers.Location is { } to ? $" to {to.OriginalString}" : "";
            failures.Add($"{where} expected {Expect.Describe(expected)}, got {(int)response.StatusCode}{location}");
        }

        var api = probe.Url.StartsWith("/odata", StringComparison.OrdinalIgnoreCase) || probe.Url.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);
        foreach (var secret in hub.Secrets.Where(s => !Sees(caller, s, api)))
        {
            // A marker the caller itself sent (an id in the URL) proves nothing when echoed back.
            var shown = secret.Markers.Where(m => !probe.Url.Contains(m, StringComparison.OrdinalIgnoreCase)
                && (body.Contains(m, StringComparison.OrdinalIgnoreCase) || response.Headers.Location?.OriginalString.Contains(m, StringComparison.OrdinalIgnoreCase) == true)).ToList();
            if (shown.Count > 0)
            {
                failures.Add($"{where} shows {secret.Name} ({string.Join(", ", shown)}), which it may not see");
            }
        }

        return failures;
    }

    /// <summary>State and concurrency stamp of each secret entry: the unsafe probes must leave them as they were.</summary>
    private Task<Dictionary<Guid, string>> StampsAsync() => hub.Hub.WithScopeAsync(async services =>
    {
        var ids = hub.Secrets.Select(s => s.Id).ToList();
        return await services.GetRequiredService<HubDbContext>().Entries.AsNoTracking().Where(e => ids.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => $"{e.Status} {e.ConcurrencyStamp}");
    });

    /// <summary>
    /// The visibility rule restated from the caller's side: published for everyone, an organisation's drafts for its members
    /// and clients, everything for curators and admins. On site pages a bearer token counts for nothing.
    /// </summary>
    private bool Sees(MatrixCaller caller, SecretEntry secret, bool api)
    {
        var ofA = secret == hub.DraftA || secret == hub.DraftA2 || secret == hub.PracticeA;
        return caller switch
        {
            MatrixCaller.Curator or MatrixCaller.Admin => true,
            MatrixCaller.MemberA => ofA,
            MatrixCaller.MemberB => secret == hub.DraftB,
            MatrixCaller.ReadClient or MatrixCaller.WriteClient => api && ofA,
            _ => false,
        };
    }

    /// <summary>Route templates of every endpoint the host maps, with their HTTP methods (<c>*</c> for any).</summary>
    private Dictionary<string, HashSet<string>> Routes()
    {
        var routes = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in hub.Hub.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = Normalize(endpoint.RoutePattern.RawText ?? "");
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared ? declared : ["*"];
            if (!routes.TryGetValue(template, out var known))
            {
                routes[template] = known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }

            known.UnionWith(methods);
        }

        return routes;
    }

    private static string Normalize(string template) => template.Trim('/');

    private static bool Same(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);
}
