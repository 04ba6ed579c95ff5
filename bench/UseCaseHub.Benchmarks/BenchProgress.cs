using System.Globalization;

namespace UseCaseHub.Benchmarks;

/// <summary>
/// A long step's progress on standard error, as the host's commands show theirs: redrawn in place on a terminal;
/// redirected, one line per tenth of the total (per 10,000 when the total is unknown), so a log holds no carriage returns.
/// </summary>
internal sealed class BenchProgress(string label, long? total = null)
{
    private long _lastStep = -1;

    public void Report(int done)
    {
        var text = total is { } all
            ? string.Create(CultureInfo.InvariantCulture, $"{label} {done:N0}/{all:N0}")
            : string.Create(CultureInfo.InvariantCulture, $"{label} {done:N0}");
        if (!Console.IsErrorRedirected)
        {
            Console.Error.Write("\r" + text);
            return;
        }

        var step = total is > 0 ? done * 10 / total.Value : done / 10_000;
        if (step != _lastStep)
        {
            _lastStep = step;
            Console.Error.WriteLine(text);
        }
    }
}
