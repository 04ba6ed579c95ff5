using System.Text.RegularExpressions;

namespace UseCaseHub.Core.Search;

/// <summary>One clause of what a person typed: a word, a "phrase", a -negated one, or <c>facet:value</c>.</summary>
public sealed record QueryToken(string Text, bool Phrase, bool Negated, string? Facet);

/// <summary>
/// The user query syntax every engine reads the same way (one rule, one place): words (all required), "phrases",
/// -excluded, <c>a OR b</c>, <c>AND</c> (the default) and <c>facet:value</c> for the facet keys. Anything else that looks
/// like query syntax (boosts, fuzziness, ranges, groups, wildcards) becomes spaces: user text never reaches an engine's parser.
/// </summary>
public static partial class QuerySyntax
{
    public static string Plain(string text) =>
        new(text.Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray());

    /// <summary>Lucene syntax people paste (boosts, fuzziness, ranges, groups, wildcards) is not ours: it becomes spaces.</summary>
    [GeneratedRegex(@"[\^~][0-9.]*|[()\[\]{}*?!\\/|&+]")]
    private static partial Regex Operators();

    /// <summary><c>name:</c> before a value; kept only when the name is a facet key.</summary>
    [GeneratedRegex(@"(?<=^|\s|-)([A-Za-z_]+):")]
    private static partial Regex FieldPrefix();

    private static string Clean(string text)
    {
        text = Operators().Replace(text, " ");
        text = FieldPrefix().Replace(text, m => Facets.IsKnown(m.Groups[1].Value.ToLowerInvariant()) ? m.Value : " ");
        if (text.Count(c => c == '"') % 2 == 1)
        {
            // An unclosed quote is a slip, not a phrase to the end.
            var last = text.LastIndexOf('"');
            text = text.Remove(last, 1).Insert(last, " ");
        }

        return text;
    }

    public static List<QueryToken> Tokenize(string text)
    {
        text = Clean(text);
        var tokens = new List<QueryToken>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var negated = text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]);
            if (negated)
            {
                i++;
            }

            string? facet = null;
            var colon = FacetPrefix(text, i);
            if (colon > 0)
            {
                facet = text[i..colon].ToLowerInvariant();
                i = colon + 1;
            }

            if (i < text.Length && text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                var phrase = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
                i = end < 0 ? text.Length : end + 1;
                tokens.Add(new QueryToken(phrase, facet is null, negated, facet));
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var word = text[start..i].TrimEnd(':');
            if (word.Length > 0 && !(facet is null && Facets.IsKnown(word.ToLowerInvariant()) && text[start..i].EndsWith(':')))
            {
                tokens.Add(new QueryToken(word, false, negated, facet));
            }
        }

        return tokens;
    }

    /// <summary>The index of the colon when the text at <paramref name="start"/> is <c>facet:</c> followed by a value.</summary>
    private static int FacetPrefix(string text, int start)
    {
        var colon = start;
        while (colon < text.Length && char.IsAsciiLetter(text[colon]))
        {
            colon++;
        }

        return colon < text.Length - 1 && text[colon] == ':' && !char.IsWhiteSpace(text[colon + 1])
            && Facets.IsKnown(text[start..colon].ToLowerInvariant()) ? colon : -1;
    }
}
