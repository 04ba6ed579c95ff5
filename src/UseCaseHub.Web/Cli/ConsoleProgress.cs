using UseCaseHub.Core.ContentFiles;

namespace UseCaseHub.Web.Cli;

/// <summary>
/// A progress line on standard error: redrawn in place (carriage return) on a terminal; redirected to a file or a pipe,
/// one plain line per tenth instead, so a log never fills with carriage returns.
/// </summary>
internal sealed class ConsoleProgress(string label) : IProgress<ImportProgress>
{
    private int _lastTenth = -1;

    public void Report(ImportProgress value)
    {
        var percent = value.Total == 0 ? 100 : value.Done * 100 / value.Total;
        var line = $"{label} {value.Done}/{value.Total} ({percent}%) {value.File}";
        if (!Console.IsErrorRedirected)
        {
            Console.Error.Write("\r" + (line.Length > 99 ? line[..99] : line.PadRight(99)));
        }
        else if (percent / 10 != _lastTenth)
        {
            _lastTenth = percent / 10;
            Console.Error.WriteLine(line);
        }
    }

    /// <summary>A step of a longer command (backup, restore): one line, on a terminal as in a log.</summary>
    public static void Step(string text) => Console.Error.WriteLine(text);

    public static void Finish()
    {
        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine();
        }
    }
}
