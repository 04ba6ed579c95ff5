using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Web.Search;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Metadata;

/// <summary>
/// The schema.org description of an entry page, as JSON-LD. A use case is a <c>Report</c> (schema.org: a report made by a
/// governmental or non-governmental organisation: an organisation's account of its own deployment); a best practice is
/// a <c>CreativeWork</c> with <c>genre</c> "best practice" (not <c>HowTo</c>, which promises numbered steps and supplies
/// that our best practices do not have). Written with System.Text.Json, whose default encoder escapes <c>&lt;</c>,
/// <c>&gt;</c> and <c>&amp;</c> as <c>\u003C</c>...: no title can close the script element it is written in.
/// </summary>
public static class EntryJsonLd
{
    /// <summary>The UN's page of the goals: the term set SDG codes belong to.</summary>
    public const string SdgTermSet = "https://sdgs.un.org/goals";

    private static readonly JsonSerializerOptions Options = new()
    {
        // Every script of the six languages unescaped (smaller pages), but <, >, & and quotes always escaped.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static string Write(EntryDetailPage page, string canonical, Uri siteBase, ITaxonomyLabels labels)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(siteBase);
        ArgumentNullException.ThrowIfNull(labels);
        var entry = page.Entry;
        var language = entry.Language;
        string Label(string kind, string value, string fallback) => SearchLabels.Label(labels, kind, value, language, fallback);
        var root = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = entry.Kind == EntryKind.UseCase ? "Report" : "CreativeWork",
            ["@id"] = page.PermanentLink,
            ["url"] = canonical,
            ["identifier"] = new JsonArray(
                new JsonObject { ["@type"] = "PropertyValue", ["propertyID"] = "PID", ["value"] = entry.Pid, ["url"] = page.PermanentLink },
                $"urn:uuid:{entry.Id:D}"),
            ["name"] = entry.Title,
            ["description"] = entry.Summary,
            ["inLanguage"] = language,
        };
        if (entry.Kind == EntryKind.BestPractice)
        {
            root["genre"] = "best practice";
        }

        var about = new JsonArray();
        foreach (var goal in entry.Sdgs.OrderBy(g => g.Number))
        {
            var code = goal.Number.ToString(CultureInfo.InvariantCulture);
            about.Add(Term($"SDG {code}: {Label(TaxonomyKinds.Sdg, code, goal.ShortTitle)}", code, SdgTermSet, "Sustainable Development Goals"));
        }

        foreach (var target in entry.SdgTargets.OrderBy(t => t.Code, StringComparer.Ordinal))
        {
            about.Add(Term($"SDG target {target.Code}", target.Code, SdgTermSet, "Sustainable Development Goals"));
        }

        foreach (var vertical in entry.Verticals.OrderBy(v => v.Slug, StringComparer.Ordinal))
        {
            about.Add(Term(Label(TaxonomyKinds.Vertical, vertical.Slug, vertical.Name), vertical.Slug, new Uri(siteBase, "verticals").ToString(), "UseCaseHub verticals"));
        }

        root["about"] = about;
        var keywords = entry.Technologies.Select(t => Label(TaxonomyKinds.Technology, t.Slug, t.Name)).Order(StringComparer.Ordinal).ToList();
        if (keywords.Count > 0)
        {
            root["keywords"] = string.Join(", ", keywords);
        }

        root["spatialCoverage"] = new JsonArray([.. entry.Countries.OrderBy(c => c.Iso2, StringComparer.Ordinal).Select(c => (JsonNode)new JsonObject
        {
            ["@type"] = "Country",
            ["name"] = Label(TaxonomyKinds.Country, c.Iso2, c.Name),
            ["identifier"] = new JsonArray(
                new JsonObject { ["@type"] = "PropertyValue", ["propertyID"] = "ISO 3166-1 alpha-2", ["value"] = c.Iso2 },
                new JsonObject { ["@type"] = "PropertyValue", ["propertyID"] = "UN M49", ["value"] = c.M49 }),
        })]);
        root["citation"] = new JsonArray([.. entry.Standards.OrderBy(s => s.Code, StringComparer.Ordinal).Select(s =>
        {
            var cited = new JsonObject { ["@type"] = "CreativeWork", ["name"] = s.Code, ["alternateName"] = s.Title };
            if (!string.IsNullOrWhiteSpace(s.Publisher))
            {
                cited["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = s.Publisher };
            }

            if (s.Url is not null)
            {
                cited["url"] = s.Url;
            }

            return (JsonNode)cited;
        })]);
        root["license"] = Citations.LicenceUrl(entry.Licence);
        if (entry.PublishedAt is { } published)
        {
            root["datePublished"] = published.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        root["dateModified"] = entry.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var author = new JsonObject { ["@type"] = "Organization", ["name"] = entry.Organization?.Name ?? Citations.Publisher };
        root["author"] = author;
        if (entry.Partners.Count > 0)
        {
            root["contributor"] = new JsonArray([.. entry.Partners.Select(p => (JsonNode)new JsonObject { ["@type"] = "Organization", ["name"] = p.Name })]);
        }

        // The organisation that publishes the catalogue; the entry's author is the organisation that wrote it.
        root["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = Citations.Publisher, ["url"] = siteBase.ToString() };
        var others = page.Versions.Where(v => v.Language != language).ToList();
        if (page.Translation is not null && page.Versions.FirstOrDefault(v => v.IsOriginal) is { } original)
        {
            root["translationOfWork"] = new JsonObject { ["@id"] = page.PermanentLink, ["url"] = new Uri(siteBase, original.Path.TrimStart('/')).ToString(), ["inLanguage"] = original.Language };
        }
        else if (others.Count > 0)
        {
            root["workTranslation"] = new JsonArray([.. others.Select(v => (JsonNode)new JsonObject
            {
                ["url"] = new Uri(siteBase, v.Path.TrimStart('/')).ToString(),
                ["inLanguage"] = v.Language,
            })]);
        }

        return root.ToJsonString(Options);
    }

    private static JsonObject Term(string name, string code, string set, string setName) => new()
    {
        ["@type"] = "DefinedTerm",
        ["name"] = name,
        ["termCode"] = code,
        ["inDefinedTermSet"] = new JsonObject { ["@type"] = "DefinedTermSet", ["@id"] = set, ["name"] = setName },
    };
}
