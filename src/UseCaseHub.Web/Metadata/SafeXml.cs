using System.Text;
using System.Xml;

namespace UseCaseHub.Web.Metadata;

/// <summary>
/// The one way the site writes XML for machines (sitemap, OAI-PMH, Atom): a writer that drops the characters XML 1.0
/// forbids (control characters, lone surrogates) from every text and attribute value. Titles, queries and argument
/// names come from people; one stray <c>U+0001</c> would otherwise make the writer throw and the answer a 500.
/// </summary>
public static class SafeXml
{
    /// <summary>A writer over <paramref name="output"/> whose text and attribute values are <see cref="Clean"/>ed.</summary>
    public static XmlWriter Create(TextWriter output, XmlWriterSettings settings) => new CleanWriter(XmlWriter.Create(output, settings));

    /// <summary>The same over a stream.</summary>
    public static XmlWriter Create(Stream output, XmlWriterSettings settings) => new CleanWriter(XmlWriter.Create(output, settings));

    /// <summary>Text XML 1.0 can carry: characters it forbids are dropped rather than failing the answer.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        StringBuilder? kept = null;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]);
            if (pair || XmlConvert.IsXmlChar(text[i]))
            {
                kept?.Append(text, i, pair ? 2 : 1);
                i += pair ? 1 : 0;
            }
            else
            {
                kept ??= new StringBuilder(text, 0, i, text.Length);
            }
        }

        return kept?.ToString() ?? text;
    }

    /// <summary>Passes everything through; free text (element text, attribute values) is cleaned first.</summary>
    private sealed class CleanWriter(XmlWriter inner) : XmlWriter
    {
        public override WriteState WriteState => inner.WriteState;

        public override XmlWriterSettings? Settings => inner.Settings;

        public override void WriteString(string? text) => inner.WriteString(Clean(text));

        public override void WriteChars(char[] buffer, int index, int count) => WriteString(new string(buffer, index, count));

        public override void WriteStartDocument() => inner.WriteStartDocument();

        public override void WriteStartDocument(bool standalone) => inner.WriteStartDocument(standalone);

        public override void WriteEndDocument() => inner.WriteEndDocument();

        public override void WriteDocType(string name, string? pubid, string? sysid, string? subset) => inner.WriteDocType(name, pubid, sysid, subset);

        public override void WriteStartElement(string? prefix, string localName, string? ns) => inner.WriteStartElement(prefix, localName, ns);

        public override void WriteEndElement() => inner.WriteEndElement();

        public override void WriteFullEndElement() => inner.WriteFullEndElement();

        public override void WriteStartAttribute(string? prefix, string localName, string? ns) => inner.WriteStartAttribute(prefix, localName, ns);

        public override void WriteEndAttribute() => inner.WriteEndAttribute();

        public override void WriteCData(string? text) => inner.WriteCData(Clean(text));

        public override void WriteComment(string? text) => inner.WriteComment(Clean(text));

        public override void WriteProcessingInstruction(string name, string? text) => inner.WriteProcessingInstruction(name, text);

        public override void WriteEntityRef(string name) => inner.WriteEntityRef(name);

        public override void WriteCharEntity(char ch) => inner.WriteCharEntity(ch);

        public override void WriteWhitespace(string? ws) => inner.WriteWhitespace(ws);

        public override void WriteSurrogateCharEntity(char lowChar, char highChar) => inner.WriteSurrogateCharEntity(lowChar, highChar);

        public override void WriteRaw(char[] buffer, int index, int count) => inner.WriteRaw(buffer, index, count);

        public override void WriteRaw(string data) => inner.WriteRaw(data);

        public override void WriteBase64(byte[] buffer, int index, int count) => inner.WriteBase64(buffer, index, count);

        public override void Flush() => inner.Flush();

        public override string? LookupPrefix(string ns) => inner.LookupPrefix(ns);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
