using System.Globalization;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Web.Submit;

/// <summary>
/// The submission form as the browser posts it: every field a member writes, tags as their keys. It is only a
/// carrier: <see cref="ToSource{T}"/> turns it into an entry the API's <see cref="Api.EntryEditor"/> applies and the
/// rulebook checks, so the form refuses exactly what the API and the content importer refuse.
/// </summary>
public sealed class SubmitForm
{
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Body { get; set; } = "";
    public string Language { get; set; } = "en";
    public string Slug { get; set; } = "";
    public string Licence { get; set; } = Licences.Default;
    public string Contact { get; set; } = "";

    /// <summary>A curator's or admin's choice of owner for a new entry; members always write for their own.</summary>
    public Guid? OrganizationId { get; set; }

    public List<int> Sdgs { get; set; } = [];
    public List<string> SdgTargets { get; set; } = [];
    public List<string> Verticals { get; set; } = [];
    public List<string> Countries { get; set; } = [];
    public List<string> Technologies { get; set; } = [];
    public List<string> Standards { get; set; } = [];
    public List<Guid> Partners { get; set; } = [];
    public List<Guid> DrawsOn { get; set; } = [];
    public List<LinkRow> Links { get; set; } = [];

    /// <summary>One address per line.</summary>
    public string Sources { get; set; } = "";

    public DeploymentStage Stage { get; set; } = DeploymentStage.Concept;

    /// <summary>Text, so that "19x5" comes back as the reader typed it with a message rather than vanishing.</summary>
    public string StartYear { get; set; } = "";
    public List<LinkRow> Scale { get; set; } = [];
    public string Interoperability { get; set; } = "";
    public string DataAndIdentifiers { get; set; } = "";
    public string SecurityAndTrust { get; set; } = "";
    public string LessonsLearned { get; set; } = "";

    /// <summary>The entry's concurrency stamp when the form was read: a save over someone else's newer save is refused.</summary>
    public Guid? Stamp { get; set; }

    /// <summary>A link or a scale figure: two short texts.</summary>
    public sealed class LinkRow
    {
        public string? Title { get; set; }
        public string? Value { get; set; }
    }

    /// <summary>The rows shown: the entry's, plus empty ones to fill in (without JavaScript there is no "add a row").</summary>
    public const int BlankRows = 2;

    public static SubmitForm From(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var form = new SubmitForm
        {
            Title = entry.Title,
            Summary = entry.Summary,
            Body = entry.Body,
            Language = entry.Language,
            Slug = entry.Slug,
            Licence = entry.Licence,
            Contact = entry.Contact ?? "",
            OrganizationId = entry.OrganizationId,
            Sdgs = [.. entry.Sdgs.Select(g => g.Number).Order()],
            SdgTargets = [.. entry.SdgTargets.Select(t => t.Code).Order(StringComparer.Ordinal)],
            Verticals = [.. entry.Verticals.Select(v => v.Slug).Order(StringComparer.Ordinal)],
            Countries = [.. entry.Countries.Select(c => c.Iso2).Order(StringComparer.Ordinal)],
            Technologies = [.. entry.Technologies.Select(t => t.Slug).Order(StringComparer.Ordinal)],
            Standards = [.. entry.Standards.Select(s => s.Code).Order(StringComparer.Ordinal)],
            Partners = [.. entry.Partners.Select(p => p.Id).Order()],
            Links = [.. entry.Links.Select(l => new LinkRow { Title = l.Title, Value = l.Url })],
            Sources = string.Join("\n", entry.Sources),
            Stamp = entry.ConcurrencyStamp,
        };
        if (entry is UseCase useCase)
        {
            form.Stage = useCase.Stage;
            form.StartYear = useCase.StartYear?.ToString(CultureInfo.InvariantCulture) ?? "";
            form.Scale = [.. useCase.Scale.Select(s => new LinkRow { Title = s.Label, Value = s.Value })];
            form.Interoperability = useCase.Interoperability;
            form.DataAndIdentifiers = useCase.DataAndIdentifiers;
            form.SecurityAndTrust = useCase.SecurityAndTrust;
            form.LessonsLearned = useCase.LessonsLearned;
        }
        else if (entry is BestPractice practice)
        {
            form.DrawsOn = [.. practice.DrawsOn.Select(u => u.Id).Order()];
        }

        return form;
    }

    /// <summary>
    /// The form as an entry whose tags carry only their keys, for <see cref="Api.EntryEditor.ApplyAsync{T}"/>; a start
    /// year that is not a number is returned as a message instead (the rulebook speaks about numbers).
    /// </summary>
    public T ToSource<T>()
        where T : Entry, new()
    {
        var source = new T
        {
            Title = Trimmed(Title),
            Summary = Trimmed(Summary),
            Body = Body ?? "",
            Language = Trimmed(Language),
            Slug = Trimmed(Slug),
            Licence = Trimmed(Licence),
            Contact = string.IsNullOrWhiteSpace(Contact) ? null : Contact.Trim(),
            Sdgs = [.. Sdgs.Distinct().Select(n => new SdgGoal { Number = n })],
            SdgTargets = [.. Keys(SdgTargets).Select(c => new SdgTarget { Code = c })],
            Verticals = [.. Keys(Verticals).Select(s => new Vertical { Slug = s })],
            Countries = [.. Keys(Countries).Select(c => new Country { Iso2 = c })],
            Technologies = [.. Keys(Technologies).Select(s => new Technology { Slug = s })],
            Standards = [.. Keys(Standards).Select(c => new Standard { Code = c })],
            Partners = [.. Partners.Distinct().Select(id => new Organization { Id = id })],
            Links = [.. Rows(Links).Select(r => new EntryLink { Title = r.Title, Url = r.Value })],
            Sources = [.. (Sources ?? "").Split('\n').Select(s => s.Trim()).Where(s => s.Length > 0)],
        };
        if (source is UseCase useCase)
        {
            useCase.Stage = Stage;
            useCase.StartYear = ParsedYear;
            useCase.Scale = [.. Rows(Scale).Select(r => new ScaleFigure { Label = r.Title, Value = r.Value })];
            useCase.Interoperability = Interoperability ?? "";
            useCase.DataAndIdentifiers = DataAndIdentifiers ?? "";
            useCase.SecurityAndTrust = SecurityAndTrust ?? "";
            useCase.LessonsLearned = LessonsLearned ?? "";
        }
        else if (source is BestPractice practice)
        {
            practice.DrawsOn = [.. DrawsOn.Distinct().Select(id => new UseCase { Id = id })];
        }

        return source;
    }

    /// <summary>Whether the start year box holds something that is not a whole number.</summary>
    public bool StartYearIsNotANumber => !string.IsNullOrWhiteSpace(StartYear) && ParsedYear is null;

    private int? ParsedYear => int.TryParse(StartYear?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;

    /// <summary>The names of the fields whose values differ between two readings of the form (what an edit's audit row lists).</summary>
    public static IReadOnlyList<string> Changed(SubmitForm before, SubmitForm after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changed = new List<string>();
        foreach (var property in typeof(SubmitForm).GetProperties().Where(p => p.CanWrite && p.Name != nameof(Stamp) && p.Name != nameof(OrganizationId)))
        {
            if (Shown(property.GetValue(before)) != Shown(property.GetValue(after)))
            {
                changed.Add(property.Name);
            }
        }

        return changed;
    }

    private static string Shown(object? value) => value switch
    {
        null => "",
        string text => text.Trim().ReplaceLineEndings("\n"),
        IEnumerable<LinkRow> rows => string.Join("\u001f", Rows([.. rows]).Select(r => r.Title + "\u001e" + r.Value)),
        System.Collections.IEnumerable items => string.Join("\u001f", items.Cast<object>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Trimmed(string? text) => text?.Trim() ?? "";

    private static IEnumerable<string> Keys(IEnumerable<string> keys) => keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct(StringComparer.Ordinal);

    /// <summary>Rows with anything in them: blank rows of the form are dropped, a half-filled one is kept and checked.</summary>
    private static List<(string Title, string Value)> Rows(List<LinkRow> rows) =>
        [.. rows.Where(r => !string.IsNullOrWhiteSpace(r.Title) || !string.IsNullOrWhiteSpace(r.Value)).Select(r => (Trimmed(r.Title), Trimmed(r.Value)))];
}
