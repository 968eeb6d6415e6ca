using System.Diagnostics;

namespace TutorialSite.BrowserTests;

/// <summary>Runs a command-line checker (the Nu validator, Lighthouse) and captures what it says.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {timeout ?? TimeSpan.FromMinutes(3)}.");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>The full path of a program on PATH, or a clear failure saying how to get it.</summary>
    public static string Require(string program, string howToInstall)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException($"`{program}` is not on PATH. {howToInstall}");
    }

    /// <summary>A file from the npm tools, or a clear failure: they are installed by tests/run.sh, never skipped.</summary>
    public static string RequireNpmTool(string relativePath)
    {
        var path = Path.Combine(RepoPaths.Tools, "node_modules", relativePath);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"{path} is missing. `bash tests/run.sh` installs the pinned npm tools; or run `npm ci --ignore-scripts` in {RepoPaths.Tools}.");
    }
}
