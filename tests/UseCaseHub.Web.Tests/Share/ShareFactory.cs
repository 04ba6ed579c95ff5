using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Share;

/// <summary>
/// The fixture content and translations plus one entry whose text needs CSV quoting (commas, quotes, a line break,
/// Chinese and Arabic) and one Russian translation whose slug is Cyrillic (as the shipped ones are), with callers
/// described by headers; search exports ask the engine 4 hits at a time, so every
/// export of more than 4 results pages through it.
/// </summary>
public class ShareFactory : ApiFactory
{
    public const string QuotingPid = "UC-2026-00090";
    public const string QuotingTitle = "城市水表, \"智能\" 试点 — عدادات المياه الذكية";
    public const string QuotingSummary = "First line, with a comma and \"quotes\".\nSecond line: 中文 and العربية.";
    public const string CyrillicSlug = "буи-для-наблюдения-за-рифами-на-фиджи";

    private readonly Lazy<string> _content = new(() =>
    {
        var root = TestPaths.NewTemporaryFolder();
        Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "content"), root);
        Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "translations"), Path.Combine(root, "translations"));
        File.WriteAllText(Path.Combine(root, "use-cases", "quoting-zh.md"), """
            ---
            pid: UC-2026-00090
            uuid: 5d0c1a52-0c39-4a55-9b61-1b0d9a6c0090
            slug: quoting-zh
            title: "城市水表, \"智能\" 试点 — عدادات المياه الذكية"
            summary: |-
              First line, with a comma and "quotes".
              Second line: 中文 and العربية.
            language: zh
            verticals: [water]
            countries: [CN]
            sdgs: [6]
            sdg_targets: []
            technologies: [NB-IoT]
            standards: ["ITU-T Y.4900"]
            stage: pilot
            start_year: 2021
            organizations:
              submitter: Fixture Utility
              partners: []
            sources:
              - https://example.org/quoting
            interoperability: |
              Uses oneM2M.
            data_and_identifiers: |
              Meter identifiers.
            security_and_trust: |
              The sources are silent on security.
            lessons_learned: |
              Start with a pilot.
            ---
            智能水表每小时报告一次。

            """.ReplaceLineEndings("\n"));
        Directory.CreateDirectory(Path.Combine(root, "translations", "ru"));
        File.WriteAllText(Path.Combine(root, "translations", "ru", CyrillicSlug + ".md"), $"""
            ---
            translation_of: UC-2026-00002
            language: ru
            slug: {CyrillicSlug}
            title: "Буи для наблюдения за рифами на Фиджи"
            summary: >-
              Тестовая запись о буях для наблюдения за рифами на Фиджи.
            translated_by: Тестовая группа переводчиков
            translated_on: 2026-11-30
            reviewed_by: Тестовый рецензент
            interoperability: |
              Используется oneM2M.
            data_and_identifiers: |
              Идентификаторы буёв.
            security_and_trust: |
              Источники не говорят о безопасности.
            lessons_learned: |
              Начинать с пилотного проекта.
            ---
            Буи передают данные каждый час.

            """.ReplaceLineEndings("\n"));
        return root;
    });

    public override string ContentPath => _content.Value;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Exports:SearchPageSize", "4")];

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

/// <summary>The same with exports capped at 3 rows (2 hits per engine call).</summary>
public sealed class CappedShareFactory : ShareFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Exports:SearchPageSize", "2"), new("Exports:MaxRows", "3")];
}

/// <summary>The host whose content is a folder of downloaded exports (the round trip's second half).</summary>
public sealed class FolderHubFactory(string folder) : HubFactory
{
    public override string ContentPath => folder;
}

/// <summary>Requests as a given caller.</summary>
internal static class ShareHttp
{
    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, Caller? caller = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        (caller ?? Caller.Anonymous).Apply(request);
        configure?.Invoke(request);
        return await client.SendAsync(request);
    }

    public static async Task<string> TextAsync(HttpClient client, string url, Caller? caller = null)
    {
        using var response = await GetAsync(client, url, caller);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }
}
