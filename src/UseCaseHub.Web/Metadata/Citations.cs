using System.Globalization;
using System.Text;
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Web.Metadata;

/// <summary>
/// How an entry is cited: two citation lines (an APA-like one and the hub's own "ITU-T SG20 UseCaseHub" style), and
/// BibTeX and RIS records for reference managers. Every one names the persistent link (<c>/id/{pid}</c>), never the
/// slug, which a revision may change.
/// </summary>
public static class Citations
{
    /// <summary>Who publishes the catalogue (the publisher of every record; the author is the entry's organisation).</summary>
    public const string Publisher = "ITU-T SG20 UseCaseHub";

    /// <summary>The address of a licence: Creative Commons for CC licences, else its SPDX page.</summary>
    public static string LicenceUrl(string licence)
    {
        ArgumentNullException.ThrowIfNull(licence);
        var parts = licence.Split('-');
        if (parts.Length >= 3 && parts[0].Equals("CC", StringComparison.OrdinalIgnoreCase))
        {
            var version = parts[^1];
            var kind = string.Join('-', parts[1..^1]).ToLowerInvariant();
            return $"https://creativecommons.org/licenses/{kind}/{version}/";
        }

        return licence.Equals("CC0-1.0", StringComparison.OrdinalIgnoreCase)
            ? "https://creativecommons.org/publicdomain/zero/1.0/"
            : $"https://spdx.org/licenses/{Uri.EscapeDataString(licence)}.html";
    }

    public static string Author(Entry entry) => entry?.Organization?.Name ?? Publisher;

    public static int Year(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (entry.PublishedAt ?? entry.CreatedAt).UtcDateTime.Year;
    }

    /// <summary>APA-like (7th edition, a report by a group author): <c>Author. (Year). Title (PID). Publisher. URL</c>.</summary>
    public static string Apa(Entry entry, string permanentLink) => ApaLine(entry, permanentLink).ToString();

    /// <summary>The hub's own "ITU-T SG20 UseCaseHub" style, the line the entry page has always shown: <c>Author (Year). Title. UseCaseHub, ITU-T SG20. PID. URL</c>.</summary>
    public static string Hub(Entry entry, string permanentLink) => HubLine(entry, permanentLink).ToString();

    /// <summary><see cref="Apa"/> in parts, so a page can mark up the title and the link.</summary>
    public static CitationLine ApaLine(Entry entry, string permanentLink)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new($"{Author(entry)}. ({Year(entry).ToString(CultureInfo.InvariantCulture)}). ", entry.Title, $" ({entry.Pid}). {Publisher}. ", permanentLink);
    }

    /// <summary><see cref="Hub"/> in parts.</summary>
    public static CitationLine HubLine(Entry entry, string permanentLink)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new($"{Author(entry)} ({Year(entry).ToString(CultureInfo.InvariantCulture)}). ", entry.Title, $". UseCaseHub, ITU-T SG20. {entry.Pid}. ", permanentLink);
    }

    /// <summary>A BibTeX <c>@techreport</c> (use cases) or <c>@misc</c> (best practices), keyed by the PID.</summary>
    public static string BibTeX(Entry entry, string permanentLink)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder();
        text.Append(entry.Kind == EntryKind.UseCase ? "@techreport{" : "@misc{").Append(Key(entry.Pid)).Append(",\n");
        void Field(string name, string value) => text.Append("  ").Append(name).Append(" = {").Append(Bib(value)).Append("},\n");
        // Double braces keep a corporate author whole and the title's capitals as written.
        text.Append("  author = {{").Append(Bib(Author(entry))).Append("}},\n");
        text.Append("  title = {{").Append(Bib(entry.Title)).Append("}},\n");
        Field("year", Year(entry).ToString(CultureInfo.InvariantCulture));
        Field(entry.Kind == EntryKind.UseCase ? "institution" : "howpublished", Publisher);
        Field("number", entry.Pid);
        Field("url", permanentLink);
        Field("language", entry.Language);
        Field("abstract", entry.Summary);
        Field("note", $"Licence: {entry.Licence}. UUID {entry.Id:D}");
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>A RIS record (<c>RPRT</c> for use cases, <c>GEN</c> for best practices).</summary>
    public static string Ris(Entry entry, string permanentLink)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder();
        void Tag(string tag, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                text.Append(tag).Append("  - ").Append(OneLine(value)).Append("\r\n");
            }
        }

        Tag("TY", entry.Kind == EntryKind.UseCase ? "RPRT" : "GEN");
        Tag("TI", entry.Title);
        Tag("AU", Author(entry));
        Tag("PY", Year(entry).ToString(CultureInfo.InvariantCulture));
        if (entry.PublishedAt is { } published)
        {
            Tag("DA", published.UtcDateTime.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture));
        }

        Tag("PB", Publisher);
        Tag("SN", entry.Pid);
        Tag("UR", permanentLink);
        Tag("LA", entry.Language);
        Tag("AB", entry.Summary);
        foreach (var keyword in entry.Verticals.Select(v => v.Name).Concat(entry.Sdgs.OrderBy(g => g.Number).Select(g => $"SDG {g.Number}")).Concat(entry.Technologies.Select(t => t.Name)))
        {
            Tag("KW", keyword);
        }

        Tag("M1", $"urn:uuid:{entry.Id:D}");
        Tag("C1", $"Licence: {entry.Licence}");
        text.Append("ER  - \r\n");
        return text.ToString();
    }

    /// <summary>A PID is letters, digits and hyphens already; anything else is dropped so the key stays one BibTeX token.</summary>
    private static string Key(string pid) => new([.. pid.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':')]);

    /// <summary>
    /// BibTeX-safe text: the characters LaTeX treats as commands escaped, braces escaped so a title cannot close its field,
    /// line breaks folded into spaces.
    /// </summary>
    internal static string Bib(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in OneLine(value))
        {
            _ = c switch
            {
                '\\' => text.Append(@"\textbackslash{}"),
                '{' or '}' or '$' or '&' or '%' or '#' or '_' => text.Append('\\').Append(c),
                '~' => text.Append(@"\textasciitilde{}"),
                '^' => text.Append(@"\textasciicircum{}"),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }

    /// <summary>One line: a line break inside a RIS value would start a new tag.</summary>
    private static string OneLine(string value) =>
        string.Join(' ', value.Split(['\r', '\n', '\u2028', '\u2029', '\u0085'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>A citation line: <see cref="Before"/> the title, the <see cref="Title"/>, <see cref="After"/> it, then the <see cref="Link"/>.</summary>
public sealed record CitationLine(string Before, string Title, string After, string Link)
{
    public override string ToString() => Before + Title + After + Link;
}
