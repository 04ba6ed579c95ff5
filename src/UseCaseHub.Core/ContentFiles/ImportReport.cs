namespace UseCaseHub.Core.ContentFiles;

public sealed class ImportReport
{
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }

    /// <summary>Files not imported because of errors.</summary>
    public int Failed { get; set; }

    public List<ContentProblem> Errors { get; } = [];
    public List<ContentProblem> Warnings { get; } = [];

    public int Files => Added + Updated + Unchanged + Failed;

    public override string ToString() =>
        $"{Files} files: {Added} added, {Updated} updated, {Unchanged} unchanged, {Failed} failed, {Warnings.Count} warnings";
}

/// <summary>How far an import has come, for a progress display.</summary>
public sealed record ImportProgress(int Done, int Total, string File);
