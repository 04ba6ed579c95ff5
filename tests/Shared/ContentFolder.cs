namespace UseCaseHub.Testing;

/// <summary>A content/ folder written by a test, with a valid use case and best practice to start from.</summary>
internal sealed class ContentFolder
{
    public string Root { get; } = TestPaths.NewTemporaryFolder();

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public static string UseCase(string pid = "UC-2026-00001", string slug = "kenya-water-meters", string? uuid = null,
        string title = "NB-IoT water meters in Embu", string sdgs = "[6, 11]", string targets = "[\"6.1\"]",
        string verticals = "[water]", string countries = "[KE]", string extra = "", string body = "How the meters report.\n\n## Results\n\nFewer losses.") => $"""
        ---
        pid: {pid}
        uuid: {uuid ?? DeterministicGuid(pid).ToString()}
        slug: {slug}
        title: {title}
        summary: A water utility meters households over NB-IoT.
        language: en
        verticals: {verticals}
        countries: {countries}
        sdgs: {sdgs}
        sdg_targets: {targets}
        technologies: [NB-IoT, Smart meters]
        standards: ["3GPP NB-IoT", "ITU-T Y.4900"]
        stage: pilot
        start_year: 2019
        scale:
          - label: Households
            value: "20"
        organizations:
          submitter: Embu Water and Sanitation Company
          partners: [Safaricom]
        links:
          - title: Article
            url: "https://example.org/article"
        sources:
          - https://example.org/source
        published: 2026-01-15
        interoperability: |
          Standard NB-IoT.
        data_and_identifiers: |
          Meter numbers.
        security_and_trust: |
          The sources are silent.
        lessons_learned: |
          Start small.
        {extra}
        ---
        {body}
        """;

    public static string BestPractice(string pid = "BP-2026-00001", string slug = "choose-lpwan", string drawsOn = "[UC-2026-00001]") => $"""
        ---
        pid: {pid}
        uuid: {DeterministicGuid(pid)}
        slug: {slug}
        title: Choosing LPWAN connectivity for utilities
        summary: When NB-IoT fits and when LoRaWAN does.
        language: en
        verticals: [water, energy]
        countries: []
        sdgs: [6, 9]
        sdg_targets: []
        technologies: [LoRaWAN, NB-IoT]
        standards: [LoRaWAN]
        organizations:
          submitter: UseCaseHub editors
        sources:
          - https://example.org/guide
        draws_on: {drawsOn}
        ---
        Compare coverage, cost and power.
        """;

    public static string Page(string slug = "about", string title = "About", string language = "en", string body = "About the hub.") => $"""
        ---
        slug: {slug}
        title: {title}
        language: {language}
        order: 1
        ---
        {body}
        """;

    /// <summary>The same UUID for the same pid, so tests can write files again unchanged.</summary>
    public static Guid DeterministicGuid(string seed) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16));
}
