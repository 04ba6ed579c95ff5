using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Security;

/// <summary>
/// The host, warmed up, with the store's fingerprint and the ids the write cases need, taken once.
/// Rate limits (off in tests by default) play no part: every case is one request.
/// </summary>
public sealed class HostileHost : ApiFactory, IAsyncLifetime
{
    /// <summary>The store as the last case left it: a case that changes it fails alone, not every case after it.</summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>Whether a case committed anything: the full fingerprint is taken only then.</summary>
    internal StoreWatch? Watch { get; private set; }

    /// <summary>Errors the host logged (a 5xx's exception), so that a failing case says what broke.</summary>
    public ConcurrentQueue<string> LoggedErrors { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new ErrorCapture(LoggedErrors)));
    }
    public Guid DraftId { get; private set; }
    public string DraftEtag { get; private set; } = "";
    public Caller Member { get; private set; } = Caller.Anonymous;

    public async Task InitializeAsync()
    {
        var api = new ApiTestKit(this);
        Member = Caller.Member(await api.OrganizationIdAsync("Fixture Utility"), "usecases.read usecases.write");
        var draft = (await api.StoreAsync()).Single(e => e.Pid == "UC-2026-00005");
        DraftId = draft.Id;
        DraftEtag = (string)(await api.GetAsync($"/odata/UseCases({DraftId})", Member))["@odata.etag"]!;
        // Anything a first request creates lazily (keys, caches) is made before the fingerprint is taken.
        using var client = CreateClient();
        foreach (var path in new[] { "/", "/search?q=water", "/api/search?q=water", "/api/suggest?q=wa", "/odata/UseCases?$top=1", "/use-cases/kenya-water" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        }

        Fingerprint = await StoreFingerprint.OfAsync(this);
        Watch = await StoreWatch.OpenAsync(Path.Combine(DataPath, "usecasehub.db"));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Watch is not null)
        {
            await Watch.DisposeAsync();
        }
    }

    private sealed class ErrorCapture(ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null)
            {
                var inner = exception.GetBaseException();
                errors.Enqueue($"{inner.GetType().FullName}: {inner.Message} @ {inner.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
            }
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>
/// Hostile input thrown at the running host: malformed and oversized OData URLs, search text full of query
/// syntax, bad encodings and control characters on every search door, broken and oversized JSON bodies and
/// wrong content types on writes. Each answer is 200 or a 4xx with a message, never a 5xx or a stack trace,
/// comes within <see cref="TimeBound"/> (a hang guard, not a speed test), and leaves the store as it was.
/// The cases are generated from the lists in <see cref="HostileCases"/>.
/// </summary>
public sealed partial class HostileInputTests(HostileHost host) : IClassFixture<HostileHost>
{
    /// <summary>Generous: the machine running the suite may be busy; a hang is what this catches.</summary>
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(10);

    public static TheoryData<string> SearchCases => Names(HostileCases.Search);

    public static TheoryData<string> ODataUrlCases => Names(HostileCases.ODataUrls);

    public static TheoryData<string> WriteCases => Names(HostileCases.Writes);

    [Theory]
    [MemberData(nameof(SearchCases))]
    public Task Search_text_is_answered_calmly_on_every_search_door(string name) => ThrowAsync(HostileCases.Search[name]);

    [Theory]
    [MemberData(nameof(ODataUrlCases))]
    public Task Malformed_and_oversized_odata_urls_are_answered_calmly(string name) => ThrowAsync(HostileCases.ODataUrls[name]);

    [Theory]
    [MemberData(nameof(WriteCases))]
    public Task Broken_bodies_and_wrong_content_types_change_nothing(string name) => ThrowAsync(HostileCases.Writes[name]);

    private async Task ThrowAsync(HostileRequest hostile)
    {
        host.LoggedErrors.Clear();
        var clock = Stopwatch.StartNew();
        var context = await host.Server.SendAsync(c => hostile.Build(c, host)).WaitAsync(TimeBound);
        using var reader = new StreamReader(context.Response.Body);
        var body = await reader.ReadToEndAsync().WaitAsync(TimeBound - clock.Elapsed);
        var status = context.Response.StatusCode;
        var said = $"{hostile} -> {status}: {(body.Length > 600 ? body[..600] + "…" : body)} | host logged: {string.Join(" | ", host.LoggedErrors)}";

        Assert.True(status == 200 || status is >= 400 and < 500, said);
        Assert.False(StackTraceText().IsMatch(body), "a stack trace or exception type in the answer: " + said);
        if (status >= 400)
        {
            Assert.True(body.Trim().Length > 0, "a refusal without a message: " + said);
            if (hostile.IsApi)
            {
                Assert.True(ApiMessage().IsMatch(body), "an API refusal without an error message or problem detail: " + said);
            }
        }

        // Nothing committed (the watch sees every other connection's commit, and a write is committed before its
        // answer is sent) means nothing changed; after a commit the store is compared row by row.
        if (!await host.Watch!.CommittedSinceLastLookAsync())
        {
            return;
        }

        var after = await StoreFingerprint.OfAsync(host);
        await host.Watch!.CommittedSinceLastLookAsync();
        var before = host.Fingerprint;
        host.Fingerprint = after;
        Assert.True(before == after, "the store changed: " + said);
    }

    private static TheoryData<string> Names(IReadOnlyDictionary<string, HostileRequest> cases)
    {
        var data = new TheoryData<string>();
        foreach (var name in cases.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [GeneratedRegex(@"\n\s+at [\w.<>`]+\(|(System|Microsoft|YamlDotNet|Lucene)\.[\w.]*Exception\b|\bStackTrace\b")]
    private static partial Regex StackTraceText();

    [GeneratedRegex("\"(message|detail|title)\"\\s*:\\s*\"[^\"]")]
    private static partial Regex ApiMessage();
}

/// <summary>One request: method, path, raw query string (sent as is, so bad percent-encoding arrives unrepaired), body.</summary>
public sealed record HostileRequest(string Method, string Path, string Query = "", string? Body = null, string? ContentType = null,
    bool AsMember = false, string? IfMatch = null)
{
    public bool IsApi => Path.StartsWith("/odata", StringComparison.Ordinal) || Path.StartsWith("/api/", StringComparison.Ordinal);

    public void Build(HttpContext context, HostileHost host)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(host);
        context.Request.Method = Method;
        context.Request.Path = new PathString(Path.Replace("{draft}", host.DraftId.ToString(), StringComparison.Ordinal));
        context.Request.QueryString = Query.Length == 0 ? QueryString.Empty : new QueryString("?" + Query);
        if (AsMember)
        {
            var member = host.Member;
            context.Request.Headers[TestAuthentication.RolesHeader] = member.Roles;
            context.Request.Headers[TestAuthentication.OrgHeader] = member.Organization.ToString();
            context.Request.Headers[TestAuthentication.ScopesHeader] = member.Scopes;
        }

        if (IfMatch is not null)
        {
            context.Request.Headers.IfMatch = IfMatch.Replace("{etag}", host.DraftEtag, StringComparison.Ordinal);
        }

        if (Body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(Body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            if (ContentType is not null)
            {
                context.Request.ContentType = ContentType;
            }
        }
    }

    public override string ToString()
    {
        var text = $"{Method} {Path}{(Query.Length > 0 ? "?" + Query : "")}";
        text = text.Length > 200 ? text[..200] + $"…({text.Length} chars)" : text;
        return Body is null ? text : $"{text} [{ContentType ?? "no content type"}, {Body.Length} chars: {(Body.Length > 80 ? Body[..80] + "…" : Body)}]";
    }
}

/// <summary>The generated cases, named for the test explorer; lists first, then their combinations.</summary>
public static class HostileCases
{
    /// <summary>Lucene's query syntax characters, each of which has broken a naive parser somewhere.</summary>
    private const string LuceneSpecials = "+-&|!(){}[]^\"~*?:\\/";

    /// <summary>Search text as typed (percent-encoded before sending).</summary>
    private static IEnumerable<string> Terms()
    {
        foreach (var c in LuceneSpecials)
        {
            yield return c.ToString();
            yield return $"wa{c}ter";
            yield return $"{c}water {c}";
        }

        yield return LuceneSpecials;
        yield return "&& || !";
        foreach (var quoted in new[] { "\"", "\"water", "water\"", "\"water meter", "\"\"\"", "'", "'water", "''", "\\\"", "\"\\" })
        {
            yield return quoted;
        }

        foreach (var syntax in new[]
        {
            "AND", "OR", "NOT", "AND OR NOT", "water AND", "OR water", "- -", "--water", "+-water", "NOT NOT", "water OR OR meter",
            "*", "?", "*:*", "water~", "water~0.5", "water~2147483648", "water^99999999999", "\"water meter\"~99999999999",
            "[a TO z]", "{* TO *}", "[* TO", "/regex.*/", "/[/", "/(/", "*ter", "?ater", "t?*?*?*?*?*", "country:", "country:ZZ",
            "sdg:999", "sdg:-1", "sdg:", ":water", "text:(", "title:\"", "_id:1", "year:[0 TO 9999]", "type:use-case OR type:*",
        })
        {
            yield return syntax;
        }

        // Long: over every length limit, and just under the search page's 500 characters.
        foreach (var (unit, count) in new (string, int)[]
        {
            ("x", 10_000), ("water ", 1_667), ("(", 10_000), ("\"", 10_000), ("a* ", 3_333), ("a~ ", 3_333),
            ("x", 490), ("(", 490), (")", 490), ("\"", 490), ("a* ", 160), ("a~2 ", 120), ("\"a\" ", 120), ("-", 490),
            ("[a TO b] ", 50), ("*", 490), ("?", 490), ("w", 99), ("a OR ", 95), ("水", 490), ("💧", 240),
        })
        {
            yield return string.Concat(Enumerable.Repeat(unit, count));
        }

        // Control characters, alone and inside a word; then Unicode that is valid but unusual.
        for (var c = 0; c < 0x20; c++)
        {
            yield return $"wa{(char)c}ter";
        }

        yield return "\0";
        yield return "\u007F";
        foreach (var unicode in new[] { "\u202Ewater", "\u200B", "\uFEFFwater", "💧", "水务", "مياه", "e\u0301", "\uFFFD", "\uFFFF", "\uFDD0", "ﬁ", "İ", "ß" })
        {
            yield return unicode;
        }
    }

    /// <summary>Already percent-encoded, sent as they are: malformed escapes and invalid UTF-8 (overlong, surrogate, beyond U+10FFFF).</summary>
    private static readonly string[] RawValues =
    [
        "%", "%%", "%zz", "%2", "%C3%28", "%FF", "%FF%FE", "%ED%A0%80", "%F4%90%80%80", "%C0%AF", "%00", "%E2%82", "water%",
        "%u0041", "%%32%35", "+", "%2B%2B", "%0d%0aSet-Cookie:%20x=1", "%E2%80%AE", "%F0%9F", "water%20%C3",
    ];

    /// <summary>Where search text goes: the page, its API, suggestions, OData $search, and inside OData string literals.</summary>
    private static readonly (string Path, Func<string, string> Query)[] SearchDoors =
    [
        ("/search", v => "q=" + v),
        ("/api/search", v => "q=" + v),
        ("/api/suggest", v => "q=" + v),
        ("/odata/UseCases", v => "$search=" + v),
        ("/odata/Entries", v => "$filter=contains(Title,'" + v + "')"),
        ("/odata/UseCases", v => "$filter=Title eq '" + v.Replace("%27", "%27%27", StringComparison.OrdinalIgnoreCase) + "'"),
    ];

    public static IReadOnlyDictionary<string, HostileRequest> Search { get; } = Build(
        from value in Terms().Select(Uri.EscapeDataString).Concat(RawValues)
        from door in SearchDoors
        select new HostileRequest("GET", door.Path, door.Query(value)));

    private static readonly string[] Sets = ["UseCases", "Sdgs", "EntryTags"];

    /// <summary>Query options, as (option, value); the value is percent-encoded before sending.</summary>
    private static IEnumerable<(string Option, string Value)> QueryOptions()
    {
        foreach (var filter in new[]
        {
            "", "(", ")", "((", "Title eq '", "Title eq 'x''", "Title eq", "eq", "1 eq 1 eq 1", "Title eq null", "substring(Title,-1) eq 'a'",
            "substring(Title,2147483647) eq 'a'", "cast(Title,Edm.Int32) eq 1", "cast(Title,'Nope') eq 1", "isof(Title,Edm.String)",
            "Title in ()", "Title in ('a'", "StartYear eq 99999999999999999999", "StartYear eq 1e999", "StartYear div 0 eq 1",
            "StartYear mod 0 eq 1", "length(Title) gt -2147483649", "year(PublishedAt) eq 99999", "PublishedAt gt 9999-99-99",
            "PublishedAt gt 2026-01-01T25:00:00Z", "Id eq 00000000-0000", "Id eq 'x'", "geo.distance(Title,Title) lt 1", "$it/Title eq 'x'",
            "@p eq 1", "Title eq @p", "matchesPattern(Title,'(a+)+$')", "matchesPattern(Title,'[')", "contains(Title,null)", "Sdgs/any()",
            "Sdgs/any(s:)", "Sdgs/all(s: s/Nope eq 1)", "Sdgs/$count gt 1", "Status eq 'Nope'", "Status has 'Draft'", "not", "not not not true",
            "-(-(-(1))) eq 1", "Title eq '\0'", "Title eq '" + new string('x', 3000) + "'",
            string.Join(" and ", Enumerable.Repeat("true", 40)),
            new string('(', 1500) + "true" + new string(')', 1500),
            string.Concat(Enumerable.Repeat("not ", 900)) + "true",
            string.Concat(Enumerable.Repeat("-", 2000)) + "1 eq 1",
            string.Concat(Enumerable.Repeat("trim(", 300)) + "Title" + new string(')', 300) + " eq 'a'",
            string.Concat(Enumerable.Repeat("concat(", 150)) + "'a'" + string.Concat(Enumerable.Repeat(",'b')", 150)) + " eq 'a'",
        })
        {
            yield return ("$filter", filter);
        }

        foreach (var orderby in new[] { "", "Title asc desc", "Nope", "Title,Title", "Sdgs", "Sdgs/Number", "$it", "Title desc,", "(Title)" })
        {
            yield return ("$orderby", orderby);
        }

        foreach (var number in new[] { "-1", "abc", "99999999999999999999", "1.5", "2147483648", "0x10", "", " 1" })
        {
            yield return ("$top", number);
            yield return ("$skip", number);
        }

        foreach (var select in new[] { "", "Nope", "*,Nope", "Title(", "Sdgs/Number", "Title/Nope", "@odata.etag", "$it", ",,," })
        {
            yield return ("$select", select);
        }

        foreach (var expand in new[]
        {
            "", "Nope", "*", "*/$ref", "*($levels=max)", "Sdgs($levels=max)", "Entries($levels=5)", "Sdgs($filter=)", "Sdgs($top=-1)",
            "Sdgs/$ref", "Sdgs($expand=Entries($expand=Sdgs($expand=Entries($expand=Sdgs))))", "Sdgs(", "Sdgs($select=Nope)",
            "Entries($expand=*)", "Targets($expand=Entries($expand=*))", "Entries($count=true;$top=100000)", "Sdgs,Sdgs,Sdgs",
            string.Join(",", Enumerable.Repeat("Sdgs", 500)), "Entries($expand=Sdgs($expand=Entries),Countries($expand=Entries))",
            "Entries($top=1;$expand=*)", "Entries($top=1;$expand=Organization)", "Entries($top=1;$expand=Partners)", "Organization", "Organization($expand=Entries($top=1))",
            "Entries/$ref", "Targets/$ref", "Entries($top=1;$expand=Organization($expand=Entries($top=1)))",
        })
        {
            yield return ("$expand", expand);
        }

        foreach (var apply in new[]
        {
            "groupby(", "groupby(())", "aggregate(Title with sum as S)", "aggregate($count as Title)", "filter(Title eq 1)",
            "compute(Title add 1 as X)", "expand(Sdgs, filter(Number eq 6))", "groupby((Nope))", "groupby((Title),aggregate($count as Title))",
            "identity", string.Join("/", Enumerable.Repeat("identity", 200)), "topcount(5, StartYear)", "search(water)", "concat(identity, identity)",
            "filter(Sdgs/any(s: s/Entries/any(e: e/Sdgs/any(g: true))))", "groupby((Sdgs/Entries/Title))",
        })
        {
            yield return ("$apply", apply);
        }

        foreach (var (option, value) in new[]
        {
            ("$search", ""), ("$search", "("), ("$search", "NOT"), ("$search", new string('x', 3000)),
            ("$count", "maybe"), ("$count", "TRUE"), ("$count", "1"),
            ("$format", "xml"), ("$format", "application/atom+xml"), ("$format", "application/json;odata.metadata=full"),
            ("$format", "application/json;odata.metadata=bogus"), ("$format", "text/html"), ("$format", "application/json;IEEE754Compatible=true"),
            ("$skiptoken", "garbage"), ("$skiptoken", "Id-'"), ("$skiptoken", "Number-99999999999999999999"),
            ("$compute", "Title add 1 as X"), ("$compute", "length(Title) as Title"), ("$deltatoken", "x"), ("$index", "1"),
            ("$schemaversion", "x"), ("$foo", "1"), ("$Filter", "x"), ("$id", "x"), ("$levels", "1"), ("@p", "1"), ("$", "1"),
        })
        {
            yield return (option, value);
        }
    }

    /// <summary>Query strings that are malformed as a whole (repeated or empty options), sent as they are.</summary>
    private static readonly string[] RawQueries =
    [
        "$top=1&$top=2", "$filter=true&$filter=false", "=", "&&&", "$filter", "$top", "$expand=Sdgs&$expand=Entries", "%24top=1%26%24top=2",
        "$top=1&$expand=*", "$top=2&$expand=Organization", "$top=2&$expand=Organization($expand=Entries($top=2))",
        "$filter=Title%20eq%20%27%ED%A0%80%27", "$filter=Title%20eq%20%27%zz%27", "$search=%C3%28", "$top=%00", "$filter=%",
    ];

    /// <summary>Addresses that are malformed, oversized or name what does not exist.</summary>
    private static readonly string[] Paths =
    [
        "/odata/UseCases(1)", "/odata/UseCases('x')", "/odata/UseCases(00000000-0000-0000-0000-000000000000)", "/odata/Sdgs(99999999999999)",
        "/odata/Sdgs(-1)", "/odata/Sdgs(1.5)", "/odata/Countries('')", "/odata/Countries('\0')", "/odata/Countries(Iso2='KE',X=1)",
        "/odata/UseCases()", "/odata/UseCases/$count", "/odata/$batch", "/odata/UseCases/$ref", "/odata/Nope", "/odata/Sdgs(6)/Nope",
        "/odata/UseCases/UseCaseHub.Submit", "/odata/$crossjoin(UseCases,Sdgs)", "/odata/$all", "/odata/UseCases/$value",
        "/odata/Sdgs(6)/Title/$value", "/odata/Sdgs(6)/Entries", "/odata/Sdgs(6)/Entries/$count", "/odata/Sdgs(6)/Entries/$ref",
        "/odata/Sdgs(6)/$ref", "/odata/UseCases/$count/$count", "/odata/UseCases(" + new string('x', 3000) + ")",
        "/odata/" + string.Concat(Enumerable.Repeat("a/", 1000)), "/odata/Sdgs(6)/UseCaseHub.Nope", "/odata/UseCases/UseCaseHub.BestPractice",
        "/odata/Entries/UseCaseHub.BestPractice", "/odata/$entity", "/odata/Sdgs(6)/Targets('6.1')", "/odata/Sdgs(6)/../../../etc/passwd",
        "/odata/Sdgs(6)\\..\\..", "/odata/Sdgs(6)(7)", "/odata/Sdgs(6)/Entries(00000000-0000-0000-0000-000000000000)", "/odata/$metadata/$metadata",
        "/odata/Sdgs(6" , "/odata/Sdgs(6))", "/odata/Countries('KE'')", "/odata/Countries(''KE')", "/odata/%2e%2e/%2e%2e/",
    ];

    public static IReadOnlyDictionary<string, HostileRequest> ODataUrls { get; } = Build(
        (from set in Sets
         from option in QueryOptions()
         select new HostileRequest("GET", "/odata/" + set, option.Option + "=" + Uri.EscapeDataString(option.Value)))
        .Concat(from set in Sets from raw in RawQueries select new HostileRequest("GET", "/odata/" + set, raw))
        .Concat(Paths.Select(p => new HostileRequest("GET", p)))
        .Concat(Paths.Take(6).Select(p => new HostileRequest("GET", p, "$expand=Nope&$filter=(")))
        .Concat(new[] { "$metadata", "openapi.json", "" }.SelectMany(p => new[]
        {
            new HostileRequest("GET", "/odata/" + p, "$filter=" + Uri.EscapeDataString("(")),
            new HostileRequest("GET", "/odata/" + p, "$format=" + Uri.EscapeDataString("application/xml;q=x")),
        })));

    /// <summary>Bodies every write must refuse: malformed, wrongly typed, unknown or read-only properties, invalid values.</summary>
    private static IEnumerable<string> Bodies()
    {
        foreach (var body in new[]
        {
            "", " ", "{", "}", "[]", "null", "\"x\"", "123", "true", "{\"Title\":", "{\"Title\":\"a\"", "{\"Title\":\"a\"}}", "{'Title':'a'}",
            "{Title:\"a\"}", "{\"Title\":\"a\",}", "{\"Title\":\"a\"}{\"Title\":\"b\"}", "\uFEFF{\"Title\":", "{\"Title\":\"\\ud800\"",
            "{\"Title\":\"\\u00\"}", "{\"Title\":\"a\\q\"}", "{\"Title\":\"a\nb\"", "{\"Title\":\"\u0000\",\"Nope\":1}",
        })
        {
            yield return body;
        }

        // Well-formed JSON a reader must still refuse, each with an invalid language so that nothing valid slips through.
        foreach (var property in new[]
        {
            "\"Title\": 5", "\"Title\": [\"a\"]", "\"Title\": {\"a\":1}", "\"StartYear\": \"abc\"", "\"StartYear\": 1e400",
            "\"StartYear\": 99999999999999999999", "\"StartYear\": -0.5", "\"Sdgs\": 6", "\"Sdgs\": [{\"Number\": \"x\"}]", "\"Sdgs\": [{\"Number\": 99999}]",
            "\"Sdgs\": [6]", "\"Sdgs\": [null]", "\"Countries\": [{\"Iso2\": null}]", "\"Countries\": [{\"Iso2\": \"KE\", \"Entries\": [{\"Title\": \"x\"}]}]",
            "\"@odata.type\":\"#UseCaseHub.BestPractice\"", "\"@odata.type\":\"#System.Object\"", "\"@odata.type\":\"#UseCaseHub.Nope\"",
            "\"@odata.type\":5", "\"Id\":\"not-a-guid\"", "\"Nope\":\"x\"", "\"Stage\":\"Nope\"", "\"Stage\":99", "\"Status\":\"Published\"",
            "\"Links\":\"x\"", "\"Links\":[{\"Url\":5}]", "\"Links\":[{\"Url\":\"javascript:alert(1)\",\"Title\":\"x\"}]",
            "\"Sdgs@odata.bind\":[\"Sdgs(99)\"]", "\"Sdgs@odata.bind\":[\"../../etc\"]", "\"Sdgs@odata.bind\":\"x\"",
            "\"Organization@odata.bind\":\"Organizations(00000000-0000-0000-0000-000000000000)\"", "\"Organization\":{\"Name\":\"Squat\"}",
            "\"Title@odata.type\":\"#Edm.Int32\"", "\"Title\":\"a\",\"Title\":\"b\"", "\"Scale\":\"x\"", "\"Scale\":[{\"Value\":{}}]",
            "\"ConcurrencyStamp\":\"x\"", "\"PublishedAt\":\"yesterday\"", "\"PublishedAt\":\"9999-99-99T99:99:99Z\"", "\"Sources\":[5]",
            "\"Sources\":\"x\"", "\"DrawsOn\":[{\"Id\":\"00000000-0000-0000-0000-000000000000\"}]",
        })
        {
            yield return "{\"Title\":\"Hostile\"," + property + ",\"Language\":\"not a tag!\"}";
        }

        // Deep and large: nesting a reader must bound, sizes just under and over the body limit, a very long number.
        foreach (var depth in new[] { 64, 1_000, 100_000 })
        {
            yield return "{\"Title\":" + new string('[', depth) + new string(']', depth) + "}";
            yield return string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        }

        yield return new string('[', 200_000);
        yield return "{\"Nope\":\"" + new string('x', 250_000) + "\"}";
        yield return "{\"Nope\":\"" + new string('x', 300_000) + "\"}";
        yield return "{" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"\"p{i}\":1,")) + "\"Title\":\"a\"}";
        yield return "{" + string.Concat(Enumerable.Repeat("\"Title\":\"a\",", 15_000)) + "\"Language\":\"not a tag!\"}";
        yield return "{\"Title\":\"a\",\"StartYear\":1" + new string('0', 100_000) + "}";
        yield return "{\"Title\":\"" + string.Concat(Enumerable.Repeat("\\u0041", 30_000)) + "\",\"Language\":\"not a tag!\"}";
        yield return "{\"Title\":\"a\",\"Sdgs\":[" + string.Join(",", Enumerable.Repeat("{\"Number\":6}", 10_000)) + "],\"Language\":\"not a tag!\"}";
    }

    private static readonly string?[] ContentTypes =
    [
        null, "", "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json; charset=utf-16", "application/json; charset=nope", "application/json;odata.metadata=bogus",
        "application/json;odata.streaming=maybe", "application/octet-stream", "*/*", "application/json, text/plain",
        "application/json; charset=utf-8; charset=latin1", "text/json", "application/merge-patch+json", "application/atom+xml", "json",
    ];

    public static IReadOnlyDictionary<string, HostileRequest> Writes { get; } = Build(
        (from body in Bodies()
         from write in new[] { ("POST", "/odata/UseCases"), ("PATCH", "/odata/UseCases({draft})"), ("PUT", "/odata/UseCases({draft})") }
         select new HostileRequest(write.Item1, write.Item2, Body: body, ContentType: "application/json", AsMember: true,
             IfMatch: write.Item1 == "POST" ? null : "{etag}"))
        // An empty title is refused whatever the content type says; the type must not turn that into a 5xx or a write.
        .Concat(from contentType in ContentTypes
                from write in new[] { ("POST", "/odata/UseCases"), ("PATCH", "/odata/UseCases({draft})") }
                select new HostileRequest(write.Item1, write.Item2, Body: "{\"Title\":\"\"}", ContentType: contentType, AsMember: true,
                    IfMatch: write.Item1 == "POST" ? null : "{etag}"))
        // Malformed tags match nothing (412), including a list with the current tag and a malformed one.
        .Concat(from ifMatch in new[] { "garbage", "W/\"", "\"", "W/\"" + new string('x', 10_000) + "\"", "*,garbage", "W/\"AAAA\"", "\"{etag}\"", "{etag}, garbage", "{etag}{etag}" }
                from method in new[] { "PATCH", "DELETE" }
                select new HostileRequest(method, "/odata/UseCases({draft})", Body: method == "PATCH" ? "{\"Title\":\"Hostile\"}" : null,
                    ContentType: "application/json", AsMember: true, IfMatch: ifMatch))
        .Concat(from path in new[] { "/odata/UseCases(x)", "/odata/UseCases(00000000-0000-0000-0000-000000000000)", "/odata/Sdgs(6)", "/odata/EntryTags", "/odata/Entries", "/odata/$batch", "/api/search" }
                from method in new[] { "POST", "PATCH", "PUT", "DELETE" }
                select new HostileRequest(method, path, Body: "{\"Title\":\"Hostile\"}", ContentType: "application/json", AsMember: true, IfMatch: "*")));

    private static Dictionary<string, HostileRequest> Build(IEnumerable<HostileRequest> requests)
    {
        var cases = new Dictionary<string, HostileRequest>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            // Printable names: control characters would garble the test explorer and the logs.
            var name = string.Concat(request.ToString().Take(120).Select(c => char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}") : new string(c, 1)));
            cases[string.Create(CultureInfo.InvariantCulture, $"{cases.Count:0000} {name}")] = request;
        }

        return cases;
    }
}
