using System.Text;

namespace UseCaseHub.Testing;

/// <summary>
/// The shared reference data the seeds were written from (<c>../shared/reference-data</c> beside the repository,
/// see seeds/README.md): tests read the official names there and compare, so a label typed by hand cannot drift.
/// </summary>
public static class ReferenceData
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var configured = Environment.GetEnvironmentVariable("HUB_REFERENCE_DATA");
        var root = string.IsNullOrEmpty(configured)
            ? Path.GetFullPath(Path.Combine(TestPaths.Repository, "..", "shared", "reference-data"))
            : configured;
        return Directory.Exists(root)
            ? root
            : throw new DirectoryNotFoundException($"Reference data not found at {root}: set HUB_REFERENCE_DATA to the shared reference-data folder.");
    }

    /// <summary>Rows of a CSV file under the root as header → value (RFC 4180: quotes, doubled quotes, line breaks in quotes).</summary>
    public static List<Dictionary<string, string>> Csv(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(Root, relativePath), Encoding.UTF8).TrimStart('\uFEFF');
        var records = CsvText.Parse(text);
        var header = records[0];
        return records.Skip(1).Where(r => r.Count == header.Count)
            .Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    /// <summary>A name as the seeds store it: Unicode NFC, trimmed, runs of white space made one space.</summary>
    public static string Clean(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text.Normalize(NormalizationForm.FormC), @"\s+", " ").Trim();

    /// <summary>The UNSD M49 export's file suffix for a language (Chinese is <c>cn</c>).</summary>
    public static string UnsdFile(string language) => $"i18n/unsd_m49_6lang/UNSD-{(language == "zh" ? "cn" : language)}.csv";
}
