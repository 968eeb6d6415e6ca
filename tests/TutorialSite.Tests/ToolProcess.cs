using System.Diagnostics;

namespace TutorialSite.Tests;

/// <summary>A tool a test runs: beside the site (nginx, Prometheus), or to its end (a verb of the site, PostgreSQL's tools).</summary>
public static class ToolProcess
{
    /// <summary>Starts <paramref name="binary"/>, its output read and dropped so a full pipe never stalls it.</summary>
    public static Process Start(string binary, IEnumerable<string> arguments)
    {
        var process = Process.Start(new ProcessStartInfo(binary, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{binary} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs <paramref name="start"/> to its end, its output read as it comes: the exit code, and standard output then error.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
