using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// The values of an entry's text field analysed one after another by the entry's language analyzer, as one stream,
/// with <see cref="LuceneFields.ValueGap"/> positions between values (a phrase never runs from one into the next).
/// Offsets run on through the values as if they were joined by one character (<see cref="Start"/>): the index keeps
/// them in the postings, so a snippet finds its words without analysing the text again.
/// Every language shares the one field, so a query word is one term lookup, not one per language. The parts are
/// analysed in turn, never at once: the analyzer reuses one set of components per thread.
/// </summary>
internal sealed class TextParts : TokenStream
{
    private readonly Analyzer _analyzer;
    private readonly IReadOnlyList<string> _parts;
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _increment;
    private readonly IOffsetAttribute _offset;
    private TokenStream? _current;
    private ICharTermAttribute? _currentTerm;
    private IPositionIncrementAttribute? _currentIncrement;
    private IOffsetAttribute? _currentOffset;
    private int _next;
    private int _gap;
    private int _base;

    public TextParts(Analyzer analyzer, IReadOnlyList<string> parts)
    {
        _analyzer = analyzer;
        _parts = parts;
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    /// <summary>Where value <paramref name="index"/> starts in the offsets: each value counts its length plus one.</summary>
    public static int Start(IReadOnlyList<string> parts, int index)
    {
        var start = 0;
        for (var i = 0; i < index; i++)
        {
            start += parts[i].Length + 1;
        }

        return start;
    }

    public override bool IncrementToken()
    {
        while (true)
        {
            if (_current is null)
            {
                if (_next >= _parts.Count)
                {
                    return false;
                }

                _current = _analyzer.GetTokenStream(LuceneFields.Text, _parts[_next++]);
                _currentTerm = _current.AddAttribute<ICharTermAttribute>();
                _currentIncrement = _current.AddAttribute<IPositionIncrementAttribute>();
                _currentOffset = _current.AddAttribute<IOffsetAttribute>();
                _current.Reset();
            }

            if (_current.IncrementToken())
            {
                ClearAttributes();
                _term.CopyBuffer(_currentTerm!.Buffer, 0, _currentTerm.Length);
                _increment.PositionIncrement = _currentIncrement!.PositionIncrement + _gap;
                _offset.SetOffset(_base + _currentOffset!.StartOffset, _base + _currentOffset.EndOffset);
                _gap = 0;
                return true;
            }

            CloseCurrent();
            _base += _parts[_next - 1].Length + 1;
            _gap = LuceneFields.ValueGap;
        }
    }

    public override void End()
    {
        base.End();
        var end = Math.Max(0, Start(_parts, _parts.Count) - 1);
        _offset.SetOffset(end, end);
    }

    public override void Reset()
    {
        base.Reset();
        CloseCurrent();
        _next = 0;
        _gap = 0;
        _base = 0;
    }

    private void CloseCurrent()
    {
        if (_current is null)
        {
            return;
        }

        _current.End();
        _current.Dispose();
        _current = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseCurrent();
        }

        base.Dispose(disposing);
    }
}
