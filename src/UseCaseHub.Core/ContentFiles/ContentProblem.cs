namespace UseCaseHub.Core.ContentFiles;

/// <summary>Something wrong with a content file, located for the person who has to fix it.</summary>
public sealed record ContentProblem(string File, int Line, string? Field, string Message)
{
    public override string ToString() => Field is null ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: {Field}: {Message}";
}
