using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// The values of an entry's text field analysed one after another by the entry's language analyzer, as one stream,
/// with <see cref="LuceneFields.ValueGap"/> positions between values (a phrase never runs from one into the next).
/// Offsets run on through the values as if they were joined by one character (<see cref="Start"/>): the index keeps
/// them in the postings, so a snippet finds its words without analysing the text again.
/// Every language shares the one field, so a query word is one term lookup, not one per language. The parts are
/// analysed in turn, never at once: an analyzer reuses one set of components per thread. Each part names its analyzer
/// (tag names in other languages are analysed as their language).
/// Two words joined by a hyphen are also indexed as one word ("micro-grid" also as "microgrid", at the second word's
/// position), so that "microgrids" finds an entry that writes "micro-grid".
/// </summary>
internal sealed class TextParts : TokenStream
{
    private readonly IReadOnlyList<(Analyzer Analyzer, string Text)> _parts;
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

    /// <summary>The previous word of the current part (stemmed term, offsets in the part), for hyphenated compounds.</summary>
    private string? _previous;
    private int _previousStart;
    private int _previousEnd;

    /// <summary>A word to give out at the position of the compound just given out (term, offsets in the whole text).</summary>
    private (string Term, int Start, int End)? _compound;

    public TextParts(IReadOnlyList<(Analyzer Analyzer, string Text)> parts)
    {
        _parts = parts;
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    /// <summary>Where value <paramref name="index"/> starts in the offsets: each value counts its length plus one.</summary>
    public static int Start(IReadOnlyList<(Analyzer Analyzer, string Text)> parts, int index)
    {
        var start = 0;
        for (var i = 0; i < index; i++)
        {
            start += parts[i].Text.Length + 1;
        }

        return start;
    }

    public override bool IncrementToken()
    {
        if (_compound is { } compound)
        {
            ClearAttributes();
            _term.SetEmpty().Append(compound.Term);
            _increment.PositionIncrement = 0;
            _offset.SetOffset(compound.Start, compound.End);
            _compound = null;
            return true;
        }

        while (true)
        {
            if (_current is null)
            {
                if (_next >= _parts.Count)
                {
                    return false;
                }

                var (analyzer, text) = _parts[_next++];
                _current = analyzer.GetTokenStream(LuceneFields.Text, text);
                _previous = null;
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
                Compound(_parts[_next - 1].Text, _currentOffset.StartOffset, _currentOffset.EndOffset);
                _gap = 0;
                return true;
            }

            CloseCurrent();
            _base += _parts[_next - 1].Text.Length + 1;
            _gap = LuceneFields.ValueGap;
        }
    }

    /// <summary>
    /// Remembers the word just read; when a hyphen alone joins it to the previous word, their compound is given out in its
    /// place (offsets must not go backwards, and the compound starts where the previous word does) and the word follows
    /// at the same position.
    /// </summary>
    private void Compound(string text, int start, int end)
    {
        var term = _term.ToString();
        if (_previous is not null && _increment.PositionIncrement == 1 && start == _previousEnd + 1 && _previousEnd < text.Length && text[_previousEnd] == '-')
        {
            _compound = (term, _base + start, _base + end);
            _term.SetEmpty().Append(_previous).Append(term);
            _offset.SetOffset(_base + _previousStart, _base + end);
        }

        (_previous, _previousStart, _previousEnd) = (term, start, end);
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
        _previous = null;
        _compound = null;
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
