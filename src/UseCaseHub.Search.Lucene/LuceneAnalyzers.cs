using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// One analyzer per UN language (stemming and stop words of that language; SmartCn segments Chinese),
/// chosen by the entry's language; anything else gets the standard analyzer.
/// </summary>
internal sealed class LuceneAnalyzers : IDisposable
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public static readonly string[] Languages = ["en", "fr", "es", "ru", "ar", "zh"];

    /// <summary>The suffix for entries in other languages.</summary>
    public const string Other = "xx";

    private readonly Dictionary<string, Analyzer> _byLanguage = new(StringComparer.Ordinal)
    {
        ["en"] = new EnglishAnalyzer(Version),
        ["fr"] = new FrenchAnalyzer(Version),
        ["es"] = new SpanishAnalyzer(Version),
        ["ru"] = new RussianAnalyzer(Version),
        ["ar"] = new ArabicAnalyzer(Version),
        ["zh"] = new SmartChineseAnalyzer(Version),
        [Other] = new StandardAnalyzer(Version),
    };

    public LuceneAnalyzers()
    {
        Words = Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(Version, source)));
        });
        var perField = new Dictionary<string, Analyzer> { [LuceneFields.Words] = Words, [LuceneFields.Exact] = Words };
        Index = new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField);
    }

    /// <summary>For the writer: picks by field name (the text field brings its own analysed stream).</summary>
    public Analyzer Index { get; }

    private long _analyses;

    /// <summary>The analysis of a language suffix (see <see cref="LanguageOf"/>). Each call is counted (see <see cref="Analyses"/>).</summary>
    public Analyzer For(string language)
    {
        Interlocked.Increment(ref _analyses);
        return _byLanguage.GetValueOrDefault(language) ?? _byLanguage[Other];
    }

    /// <summary>How many times a language's analysis was asked for: makes "snippets analyse nothing" observable in tests.</summary>
    public long Analyses => Interlocked.Read(ref _analyses);

    public Analyzer Words { get; }

    /// <summary>The analysis suffix of an entry's BCP 47 language (<c>fr-CA</c> → <c>fr</c>).</summary>
    public static string LanguageOf(string language)
    {
        var primary = language.Split('-', '_')[0].ToLowerInvariant();
        return Languages.Contains(primary) ? primary : Other;
    }

    public void Dispose()
    {
        Index.Dispose();
        Words.Dispose();
        foreach (var analyzer in _byLanguage.Values)
        {
            analyzer.Dispose();
        }
    }
}
