using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Core.Versions;

/// <summary>
/// An entry's content at one moment: every field, and its tags as codes (so a renamed taxonomy value does not rewrite
/// history). Field names are those of the model; absent kind-specific fields are empty.
/// </summary>
public sealed record VersionSnapshot
{
    private static readonly JsonSerializerOptions Json = new();

    public string Kind { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string Summary { get; init; } = "";
    public string Body { get; init; } = "";
    public string Language { get; init; } = "";
    public string Licence { get; init; } = "";
    public string? Contact { get; init; }
    public List<string> Sources { get; init; } = [];
    public List<string> Links { get; init; } = [];
    public string? Stage { get; init; }
    public int? StartYear { get; init; }
    public List<string> Scale { get; init; } = [];
    public string Interoperability { get; init; } = "";
    public string DataAndIdentifiers { get; init; } = "";
    public string SecurityAndTrust { get; init; } = "";
    public string LessonsLearned { get; init; } = "";
    public List<string> Partners { get; init; } = [];
    public List<string> Verticals { get; init; } = [];
    public List<string> Countries { get; init; } = [];
    public List<string> Sdgs { get; init; } = [];
    public List<string> SdgTargets { get; init; } = [];
    public List<string> Technologies { get; init; } = [];
    public List<string> Standards { get; init; } = [];
    public List<string> DrawsOn { get; init; } = [];

    /// <summary>The text fields in reading order, as (name, value), for pages and diffs.</summary>
    public IReadOnlyList<(string Field, string Value)> TextFields =>
    [
        (nameof(Title), Title), (nameof(Summary), Summary), (nameof(Body), Body), (nameof(Interoperability), Interoperability),
        (nameof(DataAndIdentifiers), DataAndIdentifiers), (nameof(SecurityAndTrust), SecurityAndTrust), (nameof(LessonsLearned), LessonsLearned),
        (nameof(Language), Language), (nameof(Licence), Licence), (nameof(Contact), Contact ?? ""), (nameof(Stage), Stage ?? ""),
        (nameof(StartYear), StartYear?.ToString(CultureInfo.InvariantCulture) ?? ""),
        (nameof(Sources), string.Join('\n', Sources)), (nameof(Links), string.Join('\n', Links)), (nameof(Scale), string.Join('\n', Scale)),
    ];

    /// <summary>The tag fields as (name, codes).</summary>
    public IReadOnlyList<(string Field, IReadOnlyList<string> Codes)> TagFields =>
    [
        (nameof(Verticals), Verticals), (nameof(Countries), Countries), (nameof(Sdgs), Sdgs), (nameof(SdgTargets), SdgTargets),
        (nameof(Technologies), Technologies), (nameof(Standards), Standards), (nameof(Partners), Partners), (nameof(DrawsOn), DrawsOn),
    ];

    /// <summary>The snapshot of an entry whose tags are loaded (see <see cref="EntryContent.EnsureLoaded"/>).</summary>
    public static VersionSnapshot Of(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var useCase = entry as UseCase;
        return new VersionSnapshot
        {
            Kind = entry.Kind.ToString(),
            Slug = entry.Slug,
            Title = entry.Title,
            Summary = entry.Summary,
            Body = entry.Body,
            Language = entry.Language,
            Licence = entry.Licence,
            Contact = entry.Contact,
            Sources = [.. entry.Sources],
            Links = [.. entry.Links.Select(l => $"{l.Title} <{l.Url}>")],
            Stage = useCase?.Stage.ToString(),
            StartYear = useCase?.StartYear,
            Scale = useCase is null ? [] : [.. useCase.Scale.Select(s => $"{s.Label}: {s.Value}")],
            Interoperability = useCase?.Interoperability ?? "",
            DataAndIdentifiers = useCase?.DataAndIdentifiers ?? "",
            SecurityAndTrust = useCase?.SecurityAndTrust ?? "",
            LessonsLearned = useCase?.LessonsLearned ?? "",
            Partners = Sorted(entry.Partners.Select(p => p.Slug)),
            Verticals = Sorted(entry.Verticals.Select(v => v.Slug)),
            Countries = Sorted(entry.Countries.Select(c => c.Iso2)),
            Sdgs = [.. entry.Sdgs.Select(g => g.Number).Distinct().Order().Select(n => n.ToString(CultureInfo.InvariantCulture))],
            SdgTargets = Sorted(entry.SdgTargets.Select(t => t.Code)),
            Technologies = Sorted(entry.Technologies.Select(t => t.Slug)),
            Standards = Sorted(entry.Standards.Select(s => s.Code)),
            DrawsOn = entry is BestPractice practice ? Sorted(practice.DrawsOn.Select(u => u.Pid)) : [],
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static VersionSnapshot Parse(string json) =>
        string.IsNullOrEmpty(json) ? new VersionSnapshot() : JsonSerializer.Deserialize<VersionSnapshot>(json, Json) ?? new VersionSnapshot();

    private static List<string> Sorted(IEnumerable<string> codes) => [.. codes.Distinct().Order(StringComparer.Ordinal)];
}

/// <summary>Loading what a snapshot or a revision copy reads, on an entry the context tracks.</summary>
public static class EntryContent
{
    private static readonly string[] Collections =
        [nameof(Entry.Partners), nameof(Entry.Verticals), nameof(Entry.Countries), nameof(Entry.Sdgs), nameof(Entry.SdgTargets),
         nameof(Entry.Technologies), nameof(Entry.Standards)];

    /// <summary>Loads the tag collections not loaded yet (an added entry has all it will have).</summary>
    public static void EnsureLoaded(HubDbContext db, Entry entry)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        var tracked = db.Entry(entry);
        if (tracked.State == EntityState.Added)
        {
            return;
        }

        var names = entry is BestPractice ? [.. Collections, nameof(BestPractice.DrawsOn)] : Collections;
        foreach (var name in names)
        {
            var collection = tracked.Collection(name);
            if (!collection.IsLoaded)
            {
                collection.Load();
            }
        }
    }
}
