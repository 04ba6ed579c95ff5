using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// The values of an entry's text field analysed one after another by the entry's language analyzer, as one stream,
/// with <see cref="LuceneFields.ValueGap"/> positions between values (a phrase never runs from one into the next).
/// Every language shares the one field, so a query word is one term lookup, not one per language. The parts are
/// analysed in turn, never at once: the analyzer reuses one set of components per thread.
/// </summary>
internal sealed class TextParts : TokenStream
{
    private readonly Analyzer _analyzer;
    private readonly IReadOnlyList<string> _parts;
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _increment;
    private TokenStream? _current;
    private ICharTermAttribute? _currentTerm;
    private IPositionIncrementAttribute? _currentIncrement;
    private int _next;
    private int _gap;

    public TextParts(Analyzer analyzer, IReadOnlyList<string> parts)
    {
        _analyzer = analyzer;
        _parts = parts;
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
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
                _current.Reset();
            }

            if (_current.IncrementToken())
            {
                ClearAttributes();
                _term.CopyBuffer(_currentTerm!.Buffer, 0, _currentTerm.Length);
                _increment.PositionIncrement = _currentIncrement!.PositionIncrement + _gap;
                _gap = 0;
                return true;
            }

            CloseCurrent();
            _gap = LuceneFields.ValueGap;
        }
    }

    public override void Reset()
    {
        base.Reset();
        CloseCurrent();
        _next = 0;
        _gap = 0;
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
