namespace UseCaseHub.Core.Catalogue;

/// <summary>Guidance distilled from use cases; the body is the guidance itself.</summary>
public sealed class BestPractice : Entry
{
    public override EntryKind Kind => EntryKind.BestPractice;

    public List<UseCase> DrawsOn { get; set; } = [];
}
