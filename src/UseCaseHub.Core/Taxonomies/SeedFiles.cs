using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace UseCaseHub.Core.Taxonomies;

// The shapes of the files in seeds/ (see seeds/README.md). Kept apart from the entities so the files
// can stay readable while the model evolves.
#pragma warning disable CA1812 // instantiated by YamlDotNet
internal sealed class GoalSeed
{
    public int Number { get; set; }
    public string Short { get; set; } = "";
    public string Title { get; set; } = "";
    public string Colour { get; set; } = "";
    public List<TargetSeed> Targets { get; set; } = [];
}

internal sealed class TargetSeed
{
    public string Code { get; set; } = "";
    public string Text { get; set; } = "";
}

internal sealed class RegionSeed
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Level { get; set; } = "";
    public string? Parent { get; set; }
}

internal sealed class CountrySeed
{
    public string Iso2 { get; set; } = "";
    public string Iso3 { get; set; } = "";
    public string M49 { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Region { get; set; }
    public string? Subregion { get; set; }
    public string? Intermediate { get; set; }
    public string? ItuRegion { get; set; }
    public List<string> Groups { get; set; } = [];
}

internal sealed class CodeNameSeed
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
}

internal sealed class VerticalSeed
{
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
}

internal sealed class TechnologySeed
{
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Aliases { get; set; } = [];
}

internal sealed class RecommendationSeed
{
    public string Number { get; set; } = "";
    public List<string> Also { get; set; } = [];
    public string Title { get; set; } = "";
    public string? Approved { get; set; }
    public string Status { get; set; } = "";
    public string? Url { get; set; }
}

internal sealed class StandardSeed
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Body { get; set; } = "";
}
#pragma warning restore CA1812

internal static class SeedFiles
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Reads a seed file; a malformed one stops the start with its path and position.</summary>
    public static List<T> Read<T>(string seedsPath, string fileName)
    {
        var path = Path.Combine(seedsPath, fileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"Seed file missing: {path}");
        }

        try
        {
            using var reader = File.OpenText(path);
            return Yaml.Deserialize<List<T>>(reader) ?? [];
        }
        catch (YamlException exception)
        {
            throw new InvalidDataException($"{path}:{exception.Start.Line}: {exception.InnerException?.Message ?? exception.Message}", exception);
        }
    }
}
