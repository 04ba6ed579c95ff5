using System.Globalization;
using System.Xml;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Catalogue.Translations;
using UseCaseHub.Web.Metadata;

namespace UseCaseHub.Web.Oai;

/// <summary>
/// An entry in simple Dublin Core (oai_dc): the fifteen elements' usual reading for a report. Titles and descriptions
/// come in every language the entry is published in (<c>xml:lang</c>); subjects are the entry's tags; coverage its
/// countries; relation the standards it cites and its sources.
/// </summary>
public static class DublinCore
{
    public static void Write(XmlWriter writer, Entry entry, IReadOnlyList<EntryTranslation> translations, Uri root)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(translations);
        ArgumentNullException.ThrowIfNull(root);
        const string Dc = OaiResponder.DcNamespace;
        writer.WriteStartElement("oai_dc", "dc", OaiResponder.OaiDcNamespace);
        writer.WriteAttributeString("xmlns", "dc", null, Dc);
        writer.WriteAttributeString("schemaLocation", OaiResponder.XsiNamespace, $"{OaiResponder.OaiDcNamespace} http://www.openarchives.org/OAI/2.0/oai_dc.xsd");
        void Element(string name, string? value, string? language = null)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            writer.WriteStartElement("dc", name, Dc);
            if (language is not null)
            {
                writer.WriteAttributeString("xml", "lang", null, language);
            }

            writer.WriteString(value);
            writer.WriteEndElement();
        }

        Element("title", entry.Title, entry.Language);
        foreach (var translation in translations)
        {
            Element("title", translation.Title, translation.Language);
        }

        Element("creator", entry.Organization?.Name ?? Citations.Publisher);
        foreach (var partner in entry.Partners.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            Element("contributor", partner.Name);
        }

        foreach (var subject in entry.Verticals.Select(v => v.Name).Order(StringComparer.Ordinal)
            .Concat(entry.Sdgs.OrderBy(g => g.Number).Select(g => $"SDG {g.Number.ToString(CultureInfo.InvariantCulture)}: {g.ShortTitle}"))
            .Concat(entry.SdgTargets.Select(t => $"SDG target {t.Code}").Order(StringComparer.Ordinal))
            .Concat(entry.Technologies.Select(t => t.Name).Order(StringComparer.Ordinal)))
        {
            Element("subject", subject, "en");
        }

        Element("description", entry.Summary, entry.Language);
        foreach (var translation in translations)
        {
            Element("description", translation.Summary, translation.Language);
        }

        Element("publisher", Citations.Publisher);
        if (entry.PublishedAt is { } published)
        {
            Element("date", published.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        Element("type", "Text");
        Element("type", entry.Kind == EntryKind.UseCase ? "use case" : "best practice", "en");
        Element("identifier", new Uri(root, "id/" + entry.Pid).ToString());
        Element("identifier", entry.Pid);
        Element("identifier", $"urn:uuid:{entry.Id:D}");
        Element("language", entry.Language);
        foreach (var translation in translations)
        {
            Element("language", translation.Language);
        }

        foreach (var country in entry.Countries.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            Element("coverage", country.Name, "en");
        }

        Element("rights", $"{entry.Licence} {Citations.LicenceUrl(entry.Licence)}");
        foreach (var standard in entry.Standards.OrderBy(s => s.Code, StringComparer.Ordinal))
        {
            Element("relation", standard.Url is null ? standard.Code : $"{standard.Code} {standard.Url}");
        }

        foreach (var source in entry.Sources)
        {
            Element("source", source);
        }

        writer.WriteEndElement();
    }
}
