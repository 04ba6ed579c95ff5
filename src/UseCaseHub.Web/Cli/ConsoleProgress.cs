using UseCaseHub.Core.ContentFiles;

namespace UseCaseHub.Web.Cli;

/// <summary>A progress line on standard error: redrawn in place on a terminal, every tenth otherwise.</summary>
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

    public static void Finish()
    {
        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine();
        }
    }
}
