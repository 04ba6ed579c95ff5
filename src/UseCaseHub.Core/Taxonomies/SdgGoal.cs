using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Taxonomies;

public sealed class SdgGoal
{
    public int Number { get; set; }
    public string ShortTitle { get; set; } = "";
    public string Title { get; set; } = "";

    /// <summary>Official colour, <c>#RRGGBB</c>.</summary>
    public string Colour { get; set; } = "";

    public List<SdgTarget> Targets { get; set; } = [];
    public List<Entry> Entries { get; set; } = [];
}

public sealed class SdgTarget
{
    /// <summary>Such as <c>6.1</c> or <c>11.a</c>.</summary>
    public string Code { get; set; } = "";
    public int GoalNumber { get; set; }
    public SdgGoal? Goal { get; set; }
    public string Text { get; set; } = "";
    public List<Entry> Entries { get; set; } = [];
}
