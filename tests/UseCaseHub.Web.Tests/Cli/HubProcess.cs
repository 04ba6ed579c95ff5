using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Cli;

/// <summary>
/// The host run as a separate process, exactly as an operator runs it (<c>dotnet UseCaseHub.Web.dll [verb] ...</c>):
/// commands that run to their end, and servers that can be killed (SIGKILL) and started again on the same data folder.
/// </summary>
internal sealed partial class HubProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The address in the listening line, written as plain text or inside a JSON log line (<c>Telemetry:JsonLogs</c>).</summary>
    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
    private static partial Regex ListeningLine();

    public int Id => _process.Id;

    /// <summary>Standard output and error as read so far, interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>How a process of the host starts: the built host's dll, the Testing environment, the data and seeds folders.</summary>
    public static ProcessStartInfo StartInfo(string dataPath, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "UseCaseHub.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add($"--Hub:DataPath={dataPath}");
        start.ArgumentList.Add($"--Hub:SeedsPath={TestPaths.Seeds}");
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        return start;
    }

    /// <summary>Runs a command to its end; <paramref name="input"/>, when given, is written to its redirected standard input.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string dataPath, string? input, params string[] arguments)
    {
        var start = StartInfo(dataPath, arguments);
        start.RedirectStandardInput = input is not null;
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // never left running after the test
            throw;
        }

        return (process.ExitCode, await output, await errors);
    }

    /// <summary>Starts a process of the host (a server or a command) whose output is collected and which a test may kill.</summary>
    public static HubProcess Start(string dataPath, params string[] arguments)
    {
        var process = new Process { StartInfo = StartInfo(dataPath, arguments), EnableRaisingEvents = true };
        var hub = new HubProcess(process);
        process.OutputDataReceived += (_, e) => hub.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => hub.Collect(e.Data);
        process.Exited += (_, _) => hub._listening.TrySetException(new InvalidOperationException("The host exited before it listened:\n" + hub.Output));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return hub;
    }

    /// <summary>Starts the site on a free loopback port and returns once it listens (after its start-up work: migrations, index catch-up).</summary>
    public static async Task<(HubProcess Process, Uri Address)> ServeAsync(string dataPath, params string[] settings)
    {
        var hub = Start(dataPath, [.. settings, "--urls=http://127.0.0.1:0"]);
        try
        {
            var address = await hub._listening.Task.WaitAsync(TimeSpan.FromMinutes(5));
            return (hub, address);
        }
        catch
        {
            hub.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until the process has written <paramref name="text"/> (a command reached a step); fails when the process ends
    /// first or the time is up, so a test never goes on to kill a command that has already finished.
    /// </summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        await Eventually.Until(() => Output.Contains(text, StringComparison.Ordinal) || _process.HasExited, $"the process to write '{text}'", timeout);
        if (_process.HasExited)
        {
            _process.WaitForExit(); // the line may have come with the last output, read after the exit
        }

        Assert.True(Output.Contains(text, StringComparison.Ordinal), $"The process ended before it wrote '{text}':\n{Output}");
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the machine's OOM killer or a power cut strikes the process.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        // The exit event may come before the last lines are read: wait for the end of both streams.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
