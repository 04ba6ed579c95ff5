using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;
using YamlDotNet.Serialization.NamingConventions;

namespace UseCaseHub.Core.ContentFiles;

/// <summary>Writes the store back to content files in the format the importer reads (content/README.md).</summary>
public sealed class ContentExporter(HubDbContext db)
{
    private static readonly ISerializer Yaml = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .WithEventEmitter(next => new MultilineAsLiteral(next))
        .DisableAliases()
        .Build();

    public async Task<int> ExportAsync(string root, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var entries = await db.Entries.AsNoTracking()
            .Include(e => e.Verticals).Include(e => e.Countries).Include(e => e.Sdgs).Include(e => e.SdgTargets)
            .Include(e => e.Technologies).Include(e => e.Standards).Include(e => e.Organization).Include(e => e.Partners)
            .Include(e => ((BestPractice)e).DrawsOn)
            .AsSplitQuery().OrderBy(e => e.Pid).ToListAsync(cancellationToken);
        var pages = await db.Pages.AsNoTracking().OrderBy(p => p.Slug).ThenBy(p => p.Language).ToListAsync(cancellationToken);
        var translations = await db.EntryTranslations.AsNoTracking().Include(t => t.Entry)
            .OrderBy(t => t.Language).ThenBy(t => t.Slug).ToListAsync(cancellationToken);
        var total = entries.Count + pages.Count + translations.Count;
        var done = 0;
        foreach (var entry in entries)
        {
            var relative = Path.Combine(entry.Kind.UrlSegment(), entry.Slug + ".md");
            await WriteAsync(root, relative, ToFile(entry), entry.Body, cancellationToken);
            progress?.Report(new(++done, total, relative));
        }

        foreach (var page in pages)
        {
            var name = page.Language == "en" ? page.Slug : $"{page.Slug}.{page.Language}";
            var relative = Path.Combine("pages", name + ".md");
            var front = new Dictionary<string, object> { ["slug"] = page.Slug, ["title"] = page.Title, ["language"] = page.Language, ["order"] = page.Order };
            await WriteAsync(root, relative, front, page.Body, cancellationToken);
            progress?.Report(new(++done, total, relative));
        }

        foreach (var translation in translations)
        {
            var relative = Path.Combine("translations", translation.Language, translation.Slug + ".md");
            await WriteAsync(root, relative, ToFile(translation), translation.Body, cancellationToken);
            progress?.Report(new(++done, total, relative));
        }

        return total;
    }

    /// <summary>A translation's own fields only: what it shares with its entry is the entry's file's.</summary>
    private static Dictionary<string, object?> ToFile(Catalogue.Translations.EntryTranslation translation)
    {
        var file = new Dictionary<string, object?>
        {
            ["translation_of"] = translation.Entry!.Pid,
            ["language"] = translation.Language,
            ["slug"] = translation.Slug,
            ["title"] = translation.Title,
            ["summary"] = translation.Summary,
            ["translated_by"] = translation.TranslatedBy,
            ["translated_on"] = translation.TranslatedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["reviewed_by"] = translation.ReviewedBy,
        };
        if (translation.Entry is UseCase)
        {
            file["interoperability"] = translation.Interoperability;
            file["data_and_identifiers"] = translation.DataAndIdentifiers;
            file["security_and_trust"] = translation.SecurityAndTrust;
            file["lessons_learned"] = translation.LessonsLearned;
        }

        if (translation.Scale.Count > 0)
        {
            file["scale"] = translation.Scale.Select(s => new Dictionary<string, string> { ["label"] = s.Label, ["value"] = s.Value }).ToList();
        }

        return file;
    }

    private static async Task WriteAsync(string root, string relative, object frontMatter, string body, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = FileText(frontMatter, body);
        // Written beside the target and then moved, so a crash never leaves a half-written file.
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, text, new UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// One entry as the content file the export writes (front matter and Markdown body), for callers that hand out
    /// single entries (the offline download). The entry must be loaded with its tags, organisations and, for a best
    /// practice, the use cases it draws on.
    /// </summary>
    public static string ToMarkdown(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return FileText(ToFile(entry), entry.Body);
    }

    /// <summary>
    /// One translation as the content file the export writes (<c>translations/&lt;lang&gt;/&lt;slug&gt;.md</c>), for the
    /// entry page's Markdown download of a translated version. <see cref="Catalogue.Translations.EntryTranslation.Entry"/> must be loaded.
    /// </summary>
    public static string ToMarkdown(Catalogue.Translations.EntryTranslation translation)
    {
        ArgumentNullException.ThrowIfNull(translation);
        return FileText(ToFile(translation), translation.Body);
    }

    private static string FileText(object frontMatter, string body) =>
        new StringBuilder().Append("---\n").Append(Yaml.Serialize(frontMatter)).Append("---\n").Append(body).ToString();

    private static Dictionary<string, object?> ToFile(Entry entry)
    {
        var file = new Dictionary<string, object?>
        {
            ["pid"] = entry.Pid,
            ["uuid"] = entry.Id.ToString(),
            ["slug"] = entry.Slug,
            ["title"] = entry.Title,
            ["summary"] = entry.Summary,
            ["language"] = entry.Language,
            ["status"] = entry.Status.ToString().ToLowerInvariant(),
            ["verticals"] = entry.Verticals.Select(v => v.Slug).Order(StringComparer.Ordinal).ToList(),
            ["countries"] = entry.Countries.Select(c => c.Iso2).Order(StringComparer.Ordinal).ToList(),
            ["sdgs"] = entry.Sdgs.Select(g => g.Number).Order().ToList(),
            ["sdg_targets"] = entry.SdgTargets.Select(t => t.Code).Order(StringComparer.Ordinal).ToList(),
            ["technologies"] = entry.Technologies.Select(t => t.Name).Order(StringComparer.Ordinal).ToList(),
            ["standards"] = entry.Standards.Select(s => s.Code).Order(StringComparer.Ordinal).ToList(),
        };
        if (entry is UseCase useCase)
        {
            file["stage"] = useCase.Stage.ToString().ToLowerInvariant();
            file["start_year"] = useCase.StartYear;
            file["scale"] = useCase.Scale.Select(s => new Dictionary<string, string> { ["label"] = s.Label, ["value"] = s.Value }).ToList();
        }

        file["organizations"] = new Dictionary<string, object?>
        {
            ["submitter"] = entry.Organization?.Name,
            ["partners"] = entry.Partners.Select(p => p.Name).Order(StringComparer.Ordinal).ToList(),
        };
        file["contact"] = entry.Contact;
        file["licence"] = entry.Licence;
        file["links"] = entry.Links.Select(l => new Dictionary<string, string> { ["title"] = l.Title, ["url"] = l.Url }).ToList();
        file["sources"] = entry.Sources;
        // A date alone where that is all there is, as people write it; otherwise the exact instant.
        file["published"] = entry.PublishedAt?.ToString(entry.PublishedAt.Value.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "O", CultureInfo.InvariantCulture);
        if (entry is UseCase sections)
        {
            file["interoperability"] = sections.Interoperability;
            file["data_and_identifiers"] = sections.DataAndIdentifiers;
            file["security_and_trust"] = sections.SecurityAndTrust;
            file["lessons_learned"] = sections.LessonsLearned;
        }

        if (entry is BestPractice practice)
        {
            file["draws_on"] = practice.DrawsOn.Select(u => u.Pid).Order(StringComparer.Ordinal).ToList();
        }

        return file;
    }

    /// <summary>Multi-line text as YAML literal blocks (<c>|</c>), the way people write it by hand.</summary>
    private sealed class MultilineAsLiteral(IEventEmitter next) : ChainedEventEmitter(next)
    {
        public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Source.Value is string text && text.Contains('\n', StringComparison.Ordinal))
            {
                eventInfo.Style = ScalarStyle.Literal;
            }

            base.Emit(eventInfo, emitter);
        }
    }
}
