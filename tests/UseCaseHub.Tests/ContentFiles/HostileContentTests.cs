using System.Diagnostics;
using System.Globalization;
using System.Text;
using UseCaseHub.Core.Markdown;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.ContentFiles;

/// <summary>One store with a valid entry imported, shared by the hostile content cases.</summary>
public sealed class HostileContentStore : IAsyncLifetime
{
    public TestStore Store { get; private set; } = null!;

    public string DatabaseFile => Path.Combine(Store.DataPath, "usecasehub.db");

    /// <summary>The store's fingerprint as the bad-file cases expect it (the Markdown cases add entries between them).</summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>Whether anything committed: the store is fingerprinted only then.</summary>
    internal StoreWatch Watch { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = await TestStore.CreateAsync();
        var content = new ContentFolder();
        content.Write("use-cases/a.md", ContentFolder.UseCase());
        Assert.Equal(1, (await Store.ImportAsync(content.Root)).Added);
        Fingerprint = await StoreDump.FingerprintAsync(DatabaseFile);
        Watch = await StoreWatch.OpenAsync(DatabaseFile);
    }

    public async Task DisposeAsync()
    {
        await Watch.DisposeAsync();
        await Store.DisposeAsync();
    }
}

/// <summary>
/// Bad front matter and broken Markdown through the content importer (the <c>import</c> verb's path and the
/// host's import on start). A bad file is reported with its file and line and changes nothing; broken
/// Markdown imports and renders; nothing throws, and each file is done within <see cref="TimeBound"/>.
/// </summary>
public sealed class HostileContentTests(HostileContentStore fixture) : IClassFixture<HostileContentStore>
{
    /// <summary>A hang guard for a busy machine, not a speed test.</summary>
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(10);

    private static string Valid(string extra = "", string body = "Body.") =>
        ContentFolder.UseCase(pid: "UC-2026-09999", slug: "hostile-file", extra: extra, body: body);

    private static string Nested(char open, char close, int depth) => new string(open, depth) + new string(close, depth);

    /// <summary>Whole files (as bytes, so that invalid UTF-8 and other encodings can be written).</summary>
    private static IEnumerable<byte[]> BadFiles()
    {
        foreach (var text in new[]
        {
            "", "\uFEFF", "---", "---\n", "---\n---\n", "---\n---", "------\n", "---\n\n---\nbody", "---\n- a\n- b\n---\n", "---\nscalar\n---\n",
            "---\n\ttitle: tab\n---\n", "---\ntitle: [unclosed\n---\n", "---\ntitle: {a: b\n---\n", "---\ntitle: \"unclosed\n---\n",
            "---\n: novalue\n---\n", "---\n? complex\n: key\n---\n", "---\n!!binary abc: x\n---\n", "---\ntitle: !!python/object:os.system x\n---\n",
            "---\n&a title: x\n---\n", "---\ntitle: *nope\n---\n", "---\r\ntitle: x\r---\r", "\0\0\0", "---\n%YAML 9.9\n---\n",
            "---\n" + new string('x', 1_000_000) + "\n---\n",
        })
        {
            yield return Encoding.UTF8.GetBytes(text);
        }

        // One field of an otherwise valid file made hostile.
        foreach (var (field, value) in new[]
        {
            ("title", "{a: b}"), ("title", new string('t', 20_000)), ("title", "[\"a\", [\"b\"]]"), ("sdgs", "\"six\""), ("sdgs", "[6, [7]]"),
            ("sdgs", "[1e400]"), ("sdgs", "{6: 7}"), ("start_year", "99999999999999999999"), ("published", "2026-13-45"), ("published", "[x]"),
            ("uuid", "not-a-uuid"), ("pid", "../../etc/passwd"), ("slug", "\"a\\nb\""), ("slug", "../x"), ("countries", "{KE: 1}"), ("links", "x"), ("links", "[{url: 5}]"), ("links", "[[a]]"), ("scale", "x"),
            ("scale", "[{label: [x], value: {a: b}}]"), ("organizations", "[a]"), ("organizations", "{submitter: [x]}"), ("stage", "nope"),
            ("stage", "[pilot"), ("sources", "{a: b}"), ("verticals", "*undefined"),
        })
        {
            var valid = Valid();
            var start = valid.IndexOf("\n" + field + ":", StringComparison.Ordinal) + 1;
            var end = valid.IndexOf('\n', start);
            yield return Encoding.UTF8.GetBytes(valid[..start] + field + ": " + value + valid[end..]);
        }

        // Unknown fields built to hurt a parser: an alias bomb, deep nesting, many keys, a duplicate key.
        var bomb = new StringBuilder("lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            bomb.Append(CultureInfo.InvariantCulture, $"lol{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n");
        }

        foreach (var extra in new[]
        {
            bomb.ToString(), "deep: " + Nested('[', ']', 1_000), "deep: " + Nested('[', ']', 100_000), "deep: " + string.Concat(Enumerable.Repeat("{a: ", 5_000)) + "1" + new string('}', 5_000),
            string.Concat(Enumerable.Range(0, 20_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"k{i}: v\n"))), "title: duplicate",
        })
        {
            yield return Encoding.UTF8.GetBytes(Valid(extra: extra));
        }

        // Encodings: invalid UTF-8 in a field, UTF-16 with its BOM, NUL bytes in the front matter.
        yield return [.. Encoding.UTF8.GetBytes("---\ntitle: "), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\n---\n")];
        yield return [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("---\ntitle: x\n---\n")];
        yield return Encoding.UTF8.GetBytes(Valid().Replace("stage: pilot", "stage: pi\0lot", StringComparison.Ordinal));
    }

    public static TheoryData<int> BadFileCases => Indexes(BadFiles().Count());

    public static TheoryData<int> MarkdownCases => Indexes(BrokenMarkdown().Count());

    [Theory]
    [MemberData(nameof(BadFileCases))]
    public async Task A_bad_front_matter_is_reported_with_its_line_and_changes_nothing(int index)
    {
        var content = new ContentFolder();
        var file = Path.Combine(content.Root, "use-cases", "hostile.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, BadFiles().ElementAt(index));
        if (await fixture.Watch.CommittedSinceLastLookAsync())
        {
            fixture.Fingerprint = await StoreDump.FingerprintAsync(fixture.DatabaseFile);
        }

        var clock = Stopwatch.StartNew();
        var report = await fixture.Store.ImportAsync(content.Root).WaitAsync(TimeBound);

        Assert.True(clock.Elapsed < TimeBound);
        Assert.True(report.Failed == 1, $"case {index}: {report}");
        var errors = report.Errors.Where(e => e.File.EndsWith("hostile.md", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e.Line >= 1 && !e.Message.Contains("   at ", StringComparison.Ordinal), e.ToString()));
        // No commit means no change; a commit is compared row by row with the store as it was.
        if (await fixture.Watch.CommittedSinceLastLookAsync())
        {
            Assert.Equal(fixture.Fingerprint, await StoreDump.FingerprintAsync(fixture.DatabaseFile));
        }
    }

    /// <summary>Markdown bodies that are broken, deep or huge: valid content files, so they import and must render.</summary>
    private static IEnumerable<string> BrokenMarkdown()
    {
        string Repeat(string unit, int count) => string.Concat(Enumerable.Repeat(unit, count));
        return
        [
            "```", "```\ncode never closed", "<div>", "<div><span>", "[a](", "![", "[a]: ", "<!--", "<![CDATA[", "&#xD800;", "&#99999999;", "&;",
            "\0", "a\0b", "\u202Eevil", "|a|b|\n|-|", "|a|\n|-|-|-|\n|1|2|3|4|5|", "---\n---\n---", "\r\r\r", "# ", Repeat("#", 1000),
            Repeat("*", 10_000), Repeat("_", 10_000), Repeat("[", 10_000), Repeat("]", 10_000), Repeat("(", 10_000), Repeat(">", 10_000),
            Repeat("> ", 5_000) + "x", Repeat("`", 10_000), Repeat("**", 5_000), Repeat("*a **b ", 2_000), Repeat("\\", 10_000), Repeat("<", 10_000),
            Repeat("[a](", 5_000), Repeat("![a](b ", 3_000), Repeat("<a>", 5_000), Repeat("<div>", 5_000), Repeat("~~", 5_000), Repeat("==", 5_000),
            string.Join("\n", Enumerable.Range(0, 300).Select(i => new string(' ', i * 2) + "- x")),
            string.Join("\n", Enumerable.Range(0, 5_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"[r{i}]: https://example.org/{i}"))) + "\n[r1]",
            Repeat("x", 1_000_000), Repeat("word ", 200_000), Repeat("|", 10_000) + "\n" + Repeat("|-", 5_000),
            "[x](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=alert(1)>",
        ];
    }

    [Theory]
    [MemberData(nameof(MarkdownCases))]
    public async Task Broken_markdown_imports_and_renders_without_failing(int index)
    {
        var markdown = BrokenMarkdown().ElementAt(index);
        var pid = string.Create(CultureInfo.InvariantCulture, $"UC-2026-{8000 + index:00000}");
        var content = new ContentFolder();
        content.Write("use-cases/markdown.md", ContentFolder.UseCase(pid: pid, slug: "markdown-" + index.ToString(CultureInfo.InvariantCulture), body: markdown));

        var clock = Stopwatch.StartNew();
        var report = await fixture.Store.ImportAsync(content.Root).WaitAsync(TimeBound);
        var html = await Task.Run(() => MarkdownRenderer.Render(markdown)).WaitAsync(TimeBound - clock.Elapsed);
        var text = await Task.Run(() => MarkdownRenderer.ToPlainText(markdown)).WaitAsync(TimeBound - clock.Elapsed);

        Assert.True(report.Failed == 0, $"case {index}: {string.Join("; ", report.Errors)}");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(text);
    }

    private static TheoryData<int> Indexes(int count)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < count; i++)
        {
            data.Add(i);
        }

        return data;
    }
}
