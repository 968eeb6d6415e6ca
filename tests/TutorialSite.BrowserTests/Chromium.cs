namespace TutorialSite.BrowserTests;

/// <summary>Debian's Chromium, which Playwright drives and Lighthouse audits with. Nothing is downloaded.</summary>
public static class Chromium
{
    public static string Path { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Quiet, offline and container-friendly: no sandbox (root), no GPU, no background traffic.</summary>
    public static IReadOnlyList<string> Args { get; } =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static string RequirePath() =>
        File.Exists(Path)
            ? Path
            : throw new InvalidOperationException(
                $"Chromium is not installed at {Path}. `bash tests/run.sh` installs it (apt-get install chromium); or set CHROMIUM_PATH.");
}
