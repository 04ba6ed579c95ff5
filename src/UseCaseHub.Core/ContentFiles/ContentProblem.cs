using UseCaseHub.Core.Rules;

namespace UseCaseHub.Core.ContentFiles;

/// <summary>
/// Something wrong with a content file, located for the person who has to fix it. <see cref="Field"/> is the
/// front matter key; when an entry rule was broken, <see cref="Violation"/> says which, exactly as the API would.
/// </summary>
public sealed record ContentProblem(string File, int Line, string? Field, string Message)
{
    public RuleViolation? Violation { get; init; }

    public override string ToString() => Field is null ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: {Field}: {Message}";
}
