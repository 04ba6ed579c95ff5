namespace UseCaseHub.Core.Catalogue;

/// <summary>A deployment described from the interoperability and standardization standpoints (Resolution 98).</summary>
public sealed class UseCase : Entry
{
    public override EntryKind Kind => EntryKind.UseCase;

    public DeploymentStage Stage { get; set; } = DeploymentStage.Concept;
    public int? StartYear { get; set; }
    public List<ScaleFigure> Scale { get; set; } = [];

    public string Interoperability { get; set; } = "";
    public string DataAndIdentifiers { get; set; } = "";
    public string SecurityAndTrust { get; set; } = "";
    public string LessonsLearned { get; set; } = "";

    /// <summary>Best practices that draw on this use case.</summary>
    public List<BestPractice> CitedBy { get; set; } = [];
}

public sealed class ScaleFigure
{
    public string Label { get; set; } = "";
    public string Value { get; set; } = "";
}
