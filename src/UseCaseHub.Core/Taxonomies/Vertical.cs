using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Taxonomies;

public sealed class Vertical
{
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public List<Entry> Entries { get; set; } = [];
}

public sealed class Technology
{
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Other spellings content files may use (LoRa for LoRaWAN).</summary>
    public List<string> Aliases { get; set; } = [];
    public List<Entry> Entries { get; set; } = [];
}
