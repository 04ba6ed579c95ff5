using System.Globalization;
using UseCaseHub.Core.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace UseCaseHub.Core.ContentFiles;

/// <summary>
/// The YAML front matter of a Markdown file, read field by field so that every problem is reported
/// with the line it is on. Reading a field marks it known; <see cref="ReportUnknownFields"/> flags the rest.
/// </summary>
internal sealed class FrontMatter
{
    private readonly YamlMappingNode _root;
    private readonly string _file;
    private readonly List<ContentProblem> _problems;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private FrontMatter(YamlMappingNode root, string file, List<ContentProblem> problems)
    {
        _root = root;
        _file = file;
        _problems = problems;
    }

    public string Body { get; private init; } = "";

    public bool HasErrors => _problems.Count > 0;

    /// <summary>Splits and parses a file; null (with the problem recorded) when there is no usable front matter.</summary>
    public static FrontMatter? Parse(string file, string text, List<ContentProblem> problems)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            problems.Add(new(file, 1, null, "The file must start with YAML front matter between two '---' lines."));
            return null;
        }

        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        while (end >= 0 && end + 4 < text.Length && text[end + 4] != '\n')
        {
            end = text.IndexOf("\n---", end + 4, StringComparison.Ordinal);
        }

        if (end < 0)
        {
            problems.Add(new(file, 1, null, "The front matter is not closed by a '---' line."));
            return null;
        }

        var yaml = text[4..(end + 1)];
        var body = end + 5 <= text.Length ? text[Math.Min(end + 5, text.Length)..] : "";
        if (FlowDepth(yaml) > MaxFlowDepth)
        {
            problems.Add(new(file, 2, null, $"The front matter nests [ ] or {{ }} deeper than {MaxFlowDepth} levels."));
            return null;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                problems.Add(new(file, 2, null, "The front matter must be a set of 'field: value' lines."));
                return null;
            }

            return new FrontMatter(root, file, problems) { Body = body.Trim('\n') + "\n" };
        }
        catch (YamlException exception)
        {
            // +1: the opening '---' line comes before the YAML.
            problems.Add(new(file, (int)exception.Start.Line + 1, null, $"Broken YAML: {(exception.InnerException ?? exception).Message}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some malformed input (an unclosed '[').
            problems.Add(new(file, 2, null, "Broken YAML: check brackets and quotes in the front matter."));
            return null;
        }
    }

    /// <summary>
    /// Deepest nesting of flow lists and mappings a file may use (ours use one or two). A hundred thousand '['
    /// took YamlDotNet over ten seconds; this check reads the text once.
    /// </summary>
    private const int MaxFlowDepth = 32;

    /// <summary>The deepest '[' / '{' nesting outside quoted scalars and comments: an upper bound of what the parser would build.</summary>
    private static int FlowDepth(string yaml)
    {
        int depth = 0, deepest = 0;
        var quote = '\0';
        var comment = false;
        foreach (var c in yaml)
        {
            if (comment)
            {
                comment = c != '\n';
            }
            else if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#')
            {
                comment = true;
            }
            else if (c is '[' or '{')
            {
                deepest = Math.Max(deepest, ++depth);
            }
            else if (c is ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }
        }

        return deepest;
    }

    public void Problem(string field, string message) => _problems.Add(new(_file, LineOf(field), field, message));

    public void Problem(YamlNode node, string field, string message) => _problems.Add(new(_file, LineOf(node), field, message));

    /// <summary>A broken entry rule, reported at the field (or the list item) that has it.</summary>
    public void Problem(string field, RuleViolation? violation, YamlNode? node = null, string? hint = null)
    {
        if (violation is not null)
        {
            var message = hint is null ? violation.Message : $"{violation.Message} {hint}";
            _problems.Add(new(_file, node is null ? LineOf(field) : LineOf(node), field, message) { Violation = violation });
        }
    }

    public int LineOf(string field) => _root.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == field) is { } key
        ? LineOf(key)
        : LineOf(_root);

    private static int LineOf(YamlNode node) => (int)node.Start.Line + 1;

    public YamlNode? Node(string field)
    {
        _read.Add(field);
        return _root.Children.TryGetValue(new YamlScalarNode(field), out var node) ? node : null;
    }

    public string? String(string field, bool required = false, int maxLength = 10_000)
    {
        var node = Node(field);
        if (node is null || IsEmpty(node))
        {
            if (required)
            {
                Problem(field, "is required.");
            }

            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Problem(node, field, "must be a single value, not a list or a mapping.");
            return null;
        }

        var value = scalar.Value!.Trim();
        if (value.Length > maxLength)
        {
            Problem(node, field, $"is {value.Length} characters long; at most {maxLength} are allowed.");
            return null;
        }

        if (required && value.Length == 0)
        {
            Problem(node, field, "is required.");
            return null;
        }

        return value;
    }

    public int? Int(string field, int min, int max, bool required = false)
    {
        var text = String(field, required);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Problem(field, $"'{text}' is not a whole number from {min} to {max}.");
            return null;
        }

        return value;
    }

    /// <summary>A list of scalars, each with its node for locating problems.</summary>
    public List<(string Value, YamlNode Node)> List(string field, bool required = false)
    {
        var node = Node(field);
        switch (node)
        {
            case null:
            case YamlNode when IsEmpty(node):
                if (required)
                {
                    Problem(field, "is required (a list such as [a, b]).");
                }

                return [];
            case YamlSequenceNode sequence:
                var values = new List<(string, YamlNode)>();
                foreach (var item in sequence)
                {
                    if (item is YamlScalarNode { Value: { } value } && value.Trim().Length > 0)
                    {
                        values.Add((value.Trim(), item));
                    }
                    else
                    {
                        Problem(item, field, "every item must be a single value.");
                    }
                }

                if (required && values.Count == 0)
                {
                    Problem(field, "needs at least one value.");
                }

                return values;
            default:
                Problem(node, field, "must be a list such as [a, b].");
                return [];
        }
    }

    /// <summary>A list of mappings (such as links), each read as string fields.</summary>
    public List<(Dictionary<string, string> Fields, YamlNode Node)> MappingList(string field)
    {
        var node = Node(field);
        if (node is null || IsEmpty(node))
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Problem(node, field, "must be a list of mappings such as - { title: ..., url: ... }.");
            return [];
        }

        var items = new List<(Dictionary<string, string>, YamlNode)>();
        foreach (var item in sequence)
        {
            if (item is not YamlMappingNode mapping)
            {
                Problem(item, field, "every item must be a mapping such as { title: ..., url: ... }.");
                continue;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in mapping.Children)
            {
                if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value: { } text })
                {
                    fields[name] = text.Trim();
                }
                else
                {
                    Problem(value, field, "every item's values must be single values.");
                }
            }

            items.Add((fields, item));
        }

        return items;
    }

    /// <summary>A mapping of string fields (such as organizations).</summary>
    public YamlMappingNode? Mapping(string field)
    {
        var node = Node(field);
        if (node is null || IsEmpty(node))
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Problem(node, field, "must be a mapping of fields.");
            return null;
        }

        return mapping;
    }

    /// <summary>A field written with nothing after it (or <c>~</c>), as opposed to an empty quoted string.</summary>
    private static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" };

    public void ReportUnknownFields()
    {
        foreach (var key in _root.Children.Keys.OfType<YamlScalarNode>())
        {
            if (key.Value is { } name && !_read.Contains(name))
            {
                Problem(key, name, "is not a known field (see content/README.md).");
            }
        }
    }
}
