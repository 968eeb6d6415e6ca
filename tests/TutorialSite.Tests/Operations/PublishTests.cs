using System.Diagnostics;
using System.Reflection.PortableExecutable;

namespace TutorialSite.Tests.Operations;

/// <summary>
/// What a plain <c>dotnet publish</c> of the site gives, as the README, the Dockerfile and the benchmarks run it: the
/// site and the libraries that do its start-up work compiled ahead of time (ReadyToRun), so a start does not JIT them
/// first (docs/benchmarks.md, "Start-up at 2,000 tutorials").
/// </summary>
[Trait("Category", "Slow")]
public sealed class PublishTests
{
    [Fact]
    public async Task Publish_CompilesTheSiteAndItsStartUpLibrariesReadyToRun_WithoutDynamicPgoOrCompiledResolvers()
    {
        var work = Directory.CreateTempSubdirectory("tutorialsite-publish-");
        try
        {
            var output = Path.Combine(work.FullName, "site");
            // Its own artifacts folder: the repository's bin/ and obj/ (the tests' own build) stay as they are.
            var (exitCode, log) = await RunAsync("dotnet", "publish", Path.Combine(RepoPaths.Root, "src", "TutorialSite.Web"),
                "-c", "Release", "-o", output, "--artifacts-path", Path.Combine(work.FullName, "artifacts"), "-nologo");
            Assert.True(exitCode == 0, log);
            foreach (var assembly in new[] { "TutorialSite.Web.dll", "Markdig.dll", "TextMateSharp.dll", "Microsoft.EntityFrameworkCore.dll" })
            {
                Assert.True(IsReadyToRun(Path.Combine(output, assembly)), $"{assembly} is IL only: the publish did not compile it ReadyToRun");
            }
            // Dynamic PGO off (hot methods compiled once more, not twice), and no resolver compiled per service by the
            // DI container: both part of the start-up's budget.
            var runtimeConfig = await File.ReadAllTextAsync(Path.Combine(output, "TutorialSite.Web.runtimeconfig.json"));
            Assert.Contains("\"System.Runtime.TieredPGO\": false", runtimeConfig, StringComparison.Ordinal);
            Assert.Contains("\"Microsoft.Extensions.DependencyInjection.DisableDynamicEngine\": true", runtimeConfig, StringComparison.Ordinal);
            // Framework-dependent, as before: the image's ASP.NET Core runtime runs it.
            Assert.False(File.Exists(Path.Combine(output, "System.Private.CoreLib.dll")));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>A ReadyToRun image carries native code beside its IL: the CLI header's managed native header.</summary>
    private static bool IsReadyToRun(string file)
    {
        using var pe = new PEReader(File.OpenRead(file));
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static async Task<(int ExitCode, string Log)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
