using System.Globalization;
using System.Text.RegularExpressions;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Core.ContentFiles;

/// <summary>A use case or best practice as read and validated from its content file.</summary>
internal sealed partial class EntryFile
{
    public required EntryKind Kind { get; init; }
    public required string Pid { get; init; }
    public required Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required string Body { get; init; }
    public required string Language { get; init; }
    public required EntryStatus Status { get; init; }
    public required string Licence { get; init; }
    public string? Contact { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public required List<Vertical> Verticals { get; init; }
    public required List<Country> Countries { get; init; }
    public required List<SdgGoal> Sdgs { get; init; }
    public required List<SdgTarget> Targets { get; init; }
    public required List<Technology> Technologies { get; init; }
    public required List<Standard> Standards { get; init; }
    public required List<EntryLink> Links { get; init; }
    public required List<string> Sources { get; init; }
    public string? Submitter { get; init; }
    public required List<string> Partners { get; init; }
    public DeploymentStage Stage { get; init; }
    public int? StartYear { get; init; }
    public List<ScaleFigure> Scale { get; init; } = [];
    public string Interoperability { get; init; } = "";
    public string DataAndIdentifiers { get; init; } = "";
    public string SecurityAndTrust { get; init; } = "";
    public string LessonsLearned { get; init; } = "";

    /// <summary>Pids of the use cases a best practice draws on, with the line to blame if one is unknown.</summary>
    public List<(string Pid, int Line)> DrawsOn { get; init; } = [];

    public static readonly string[] StandpointFields = ["interoperability", "data_and_identifiers", "security_and_trust", "lessons_learned"];

    [GeneratedRegex("^(UC|BP)-[0-9]{4}-[0-9]{5}$")]
    public static partial Regex PidPattern();


    /// <summary>Validates the front matter; null when anything is wrong (the problems say what).</summary>
    public static EntryFile? Read(FrontMatter fm, EntryKind kind, TaxonomyLookup taxonomy, List<string> warnings)
    {
        var pid = fm.String("pid", required: true);
        if (pid is not null && (!PidPattern().IsMatch(pid) || !pid.StartsWith(kind.PidPrefix(), StringComparison.Ordinal)))
        {
            fm.Problem("pid", $"'{pid}' is not a {kind} identifier such as {kind.PidPrefix()}-2026-00042.");
        }

        var uuidText = fm.String("uuid", required: true);
        var id = Guid.Empty;
        if (uuidText is not null && (!Guid.TryParse(uuidText, out id) || id == Guid.Empty))
        {
            fm.Problem("uuid", $"'{uuidText}' is not a UUID.");
        }

        // Values are checked by the one rulebook the API and the forms use, so a file and a request are refused alike.
        var slug = fm.String("slug");
        fm.Problem("slug", EntryRules.Slug(slug));
        var title = fm.String("title");
        fm.Problem("title", EntryRules.Title(title));
        var summary = fm.String("summary");
        // A file publishes, so it must be complete: the summary is required as for submitting.
        fm.Problem("summary", EntryRules.CompleteSummary(summary));
        var language = fm.String("language") ?? "en";
        fm.Problem("language", EntryRules.Language(language));

        // Content files are curated: their status is set as written (the workflow's moves are for people and clients).
        // The names before the workflow issue (in-review, returned) still read, for files exported back then.
        var status = EntryStatus.Published;
        if (fm.String("status") is { } statusText && !TryParseStatus(statusText, out status))
        {
            fm.Problem("status", $"'{statusText}' is not one of {string.Join(", ", Enum.GetNames<EntryStatus>()).ToLowerInvariant()}.");
        }

        DateTimeOffset? published = null;
        if (fm.String("published") is { } publishedText)
        {
            if (DateTimeOffset.TryParse(publishedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            {
                published = date;
            }
            else
            {
                fm.Problem("published", $"'{publishedText}' is not a date such as 2026-11-25.");
            }
        }

        var verticals = Resolve(fm, "verticals", nameof(Entry.Verticals), taxonomy.Verticals, "vertical", "See seeds/verticals.yml.", required: true);
        var countries = Resolve(fm, "countries", nameof(Entry.Countries), taxonomy.Countries, "country", "Use ISO 3166 alpha-2 codes (seeds/countries.yml).");
        var sdgs = new List<SdgGoal>();
        foreach (var (value, node) in fm.List("sdgs", required: true))
        {
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && taxonomy.Goals.TryGetValue(number, out var goal))
            {
                AddOnce(sdgs, goal);
            }
            else
            {
                fm.Problem("sdgs", EntryRules.UnknownValue(nameof(Entry.Sdgs), value, "SDG"), node, "SDG goals are numbered 1 to 17.");
            }
        }

        var targets = Resolve(fm, "sdg_targets", nameof(Entry.SdgTargets), taxonomy.Targets, "SDG target", "Targets are written like 6.1 (seeds/sdgs.yml).");
        foreach (var target in targets)
        {
            fm.Problem("sdg_targets", EntryRules.TargetInGoals(target.Code, target.GoalNumber, sdgs.Select(g => g.Number)));
        }

        var technologies = Resolve(fm, "technologies", nameof(Entry.Technologies), taxonomy.Technologies, "technology", "See seeds/technologies.yml.");
        var standards = Resolve(fm, "standards", nameof(Entry.Standards), taxonomy.Standards, "standard", "See seeds/standards.yml and seeds/itu-t-recommendations.yml.");
        foreach (var withdrawn in standards.Where(s => s.Withdrawn))
        {
            warnings.Add($"cites {withdrawn.Code}, which ITU-T has withdrawn.");
        }

        var links = new List<EntryLink>();
        foreach (var (fields, node) in fm.MappingList("links"))
        {
            var url = fields.GetValueOrDefault("url");
            var linkTitle = fields.GetValueOrDefault("title") ?? url;
            if ((EntryRules.WebAddress(nameof(Entry.Links), url) ?? EntryRules.LinkTitle(linkTitle)) is { } broken)
            {
                fm.Problem("links", broken, node);
                continue;
            }

            links.Add(new EntryLink { Title = linkTitle!, Url = url! });
        }

        var sources = new List<string>();
        foreach (var (value, node) in fm.List("sources"))
        {
            if (EntryRules.WebAddress(nameof(Entry.Sources), value) is { } broken)
            {
                fm.Problem("sources", broken, node);
            }
            else
            {
                sources.Add(value);
            }
        }

        if (sources.Count == 0)
        {
            warnings.Add("lists no sources: every fact should come from a source URL.");
        }

        var (submitter, partners) = ReadOrganizations(fm);
        var licence = fm.String("licence") ?? Licences.Default;
        fm.Problem("licence", EntryRules.Licence(licence));
        var contact = fm.String("contact");
        fm.Problem("contact", EntryRules.Contact(contact));

        var entry = kind == EntryKind.UseCase ? ReadUseCaseFields(fm, warnings) : null;
        var drawsOn = kind == EntryKind.BestPractice
            ? fm.List("draws_on").Select(d => (d.Value, fm.LineOf("draws_on"))).ToList()
            : [];
        fm.ReportUnknownFields();
        if (fm.HasErrors)
        {
            return null;
        }

        return new EntryFile
        {
            Kind = kind,
            Pid = pid!,
            Id = id,
            Slug = slug!,
            Title = title!,
            Summary = summary!,
            Body = fm.Body,
            Language = language,
            Status = status,
            Licence = licence,
            Contact = contact,
            PublishedAt = published,
            Verticals = verticals,
            Countries = countries,
            Sdgs = sdgs,
            Targets = targets,
            Technologies = technologies,
            Standards = standards,
            Links = links,
            Sources = sources,
            Submitter = submitter,
            Partners = partners,
            Stage = entry?.Stage ?? default,
            StartYear = entry?.StartYear,
            Scale = entry?.Scale ?? [],
            Interoperability = entry?.Interoperability ?? "",
            DataAndIdentifiers = entry?.DataAndIdentifiers ?? "",
            SecurityAndTrust = entry?.SecurityAndTrust ?? "",
            LessonsLearned = entry?.LessonsLearned ?? "",
            DrawsOn = drawsOn,
        };
    }

    private static bool TryParseStatus(string text, out EntryStatus status)
    {
        var name = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        name = name switch
        {
            "inreview" => nameof(EntryStatus.UnderAssessment),
            "returned" => nameof(EntryStatus.ReturnedForRevision),
            _ => name,
        };
        return Enum.TryParse(name, ignoreCase: true, out status) && Enum.IsDefined(status);
    }

    private sealed record UseCaseFields(DeploymentStage Stage, int? StartYear, List<ScaleFigure> Scale,
        string Interoperability, string DataAndIdentifiers, string SecurityAndTrust, string LessonsLearned);

    private static UseCaseFields ReadUseCaseFields(FrontMatter fm, List<string> warnings)
    {
        var stage = DeploymentStage.Concept;
        if (fm.String("stage", required: true) is { } stageText && !Enum.TryParse(stageText, ignoreCase: true, out stage))
        {
            fm.Problem("stage", $"'{stageText}' is not one of concept, pilot, deployed, scaled.");
        }

        var startYear = fm.Int("start_year", int.MinValue, int.MaxValue);
        if (EntryRules.StartYear(startYear, DateTimeOffset.UtcNow) is { } outOfRange)
        {
            fm.Problem("start_year", outOfRange);
            startYear = null;
        }

        var scale = new List<ScaleFigure>();
        foreach (var (fields, node) in fm.MappingList("scale"))
        {
            if (fields.GetValueOrDefault("label") is { Length: > 0 } label && fields.GetValueOrDefault("value") is { Length: > 0 } value)
            {
                scale.Add(new ScaleFigure { Label = label, Value = value });
            }
            else
            {
                fm.Problem(node, "scale", "every figure needs a label and a value.");
            }
        }

        var sections = StandpointFields.Select(field => fm.String(field) ?? "").ToArray();
        foreach (var (field, text) in StandpointFields.Zip(sections))
        {
            if (text.Length == 0)
            {
                warnings.Add($"has no '{field}' section: say what the sources tell, or that they are silent.");
            }
        }

        return new UseCaseFields(stage, startYear, scale, sections[0], sections[1], sections[2], sections[3]);
    }

    private static (string? Submitter, List<string> Partners) ReadOrganizations(FrontMatter fm)
    {
        var mapping = fm.Mapping("organizations");
        if (mapping is null)
        {
            return (null, []);
        }

        string? submitter = null;
        var partners = new List<string>();
        foreach (var (key, value) in mapping.Children)
        {
            switch ((key as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value, value)
            {
                case ("submitter", YamlDotNet.RepresentationModel.YamlScalarNode { Value: { Length: > 0 } name }):
                    submitter = name.Trim();
                    break;
                case ("partners", YamlDotNet.RepresentationModel.YamlSequenceNode list):
                    partners.AddRange(list.OfType<YamlDotNet.RepresentationModel.YamlScalarNode>()
                        .Select(p => p.Value?.Trim()).OfType<string>().Where(p => p.Length > 0));
                    break;
                case ("partners", YamlDotNet.RepresentationModel.YamlScalarNode { Value: null or "" }):
                    break;
                default:
                    fm.Problem(key, "organizations", "takes 'submitter: name' and 'partners: [names]'.");
                    break;
            }
        }

        return (submitter, partners);
    }

    private static List<T> Resolve<T>(FrontMatter fm, string field, string entryField, IReadOnlyDictionary<string, T> known, string what, string hint,
        bool required = false)
    {
        var found = new List<T>();
        foreach (var (value, node) in fm.List(field, required))
        {
            if (known.TryGetValue(value, out var item))
            {
                AddOnce(found, item);
            }
            else
            {
                fm.Problem(field, EntryRules.UnknownValue(entryField, value, what), node, hint);
            }
        }

        return found;
    }

    private static void AddOnce<T>(List<T> list, T item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }

    /// <summary>Copies the file's values onto a stored entry; organisations come from <paramref name="organization"/>.</summary>
    public void ApplyTo(Entry entry, Func<string, Organization> organization)
    {
        entry.Id = entry.Id == Guid.Empty ? Id : entry.Id;
        entry.Pid = Pid;
        entry.Slug = Slug;
        entry.Title = Title;
        entry.Summary = Summary;
        entry.Body = Body;
        entry.Language = Language;
        entry.Status = Status;
        entry.Licence = Licence;
        entry.Contact = Contact;
        entry.PublishedAt = Status.IsPublic() ? PublishedAt ?? entry.PublishedAt ?? DateTimeOffset.UtcNow : PublishedAt;
        Replace(entry.Verticals, Verticals);
        Replace(entry.Countries, Countries);
        Replace(entry.Sdgs, Sdgs);
        Replace(entry.SdgTargets, Targets);
        Replace(entry.Technologies, Technologies);
        Replace(entry.Standards, Standards);
        entry.Links = Links;
        entry.Sources = Sources;
        entry.Organization = Submitter is null ? null : organization(Submitter);
        Replace(entry.Partners, Partners.Distinct(StringComparer.OrdinalIgnoreCase).Select(organization));
        if (entry is UseCase useCase)
        {
            useCase.Stage = Stage;
            useCase.StartYear = StartYear;
            useCase.Scale = Scale;
            useCase.Interoperability = Interoperability;
            useCase.DataAndIdentifiers = DataAndIdentifiers;
            useCase.SecurityAndTrust = SecurityAndTrust;
            useCase.LessonsLearned = LessonsLearned;
        }
    }

    /// <summary>Changes a tracked collection in place, so the store sees exactly what was added and removed.</summary>
    private static void Replace<T>(List<T> target, IEnumerable<T> items)
    {
        var wanted = items.ToList();
        target.RemoveAll(item => !wanted.Contains(item));
        target.AddRange(wanted.Where(item => !target.Contains(item)));
    }
}
