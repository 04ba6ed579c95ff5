namespace UseCaseHub.Core.Catalogue;

/// <summary>A site page such as About or How to submit, one row per language.</summary>
public sealed class Page
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string Language { get; set; } = "en";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public int Order { get; set; }
    public string? ContentHash { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
