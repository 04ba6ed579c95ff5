namespace UseCaseHub.Core.Catalogue;

public enum EntryKind
{
    UseCase,
    BestPractice,
}

public static class EntryKindExtensions
{
    public static string UrlSegment(this EntryKind kind) => kind switch
    {
        EntryKind.UseCase => "use-cases",
        EntryKind.BestPractice => "best-practices",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Prefix of the kind's persistent identifiers.</summary>
    public static string PidPrefix(this EntryKind kind) => kind == EntryKind.UseCase ? "UC" : "BP";
}
