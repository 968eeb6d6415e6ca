using System.Diagnostics;

namespace TutorialSite.Tests;

/// <summary>A tool a test runs beside the site (nginx, Prometheus), its output read and dropped so a full pipe never stalls it.</summary>
public static class ToolProcess
{
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
}
