namespace TutorialSite.Web.Progress;

/// <summary>The one argument of <c>backup</c>, <c>restore</c> and <c>import</c>: a file.</summary>
internal static class FileArgument
{
    /// <summary>The file as a full path; null, after writing the verb's <paramref name="usage"/>, when there is not exactly one.</summary>
    public static async Task<string?> ReadAsync(string[] args, string usage, TextWriter error)
    {
        if (args is [var file])
        {
            return Path.GetFullPath(file);
        }
        await error.WriteLineAsync("Usage: " + usage);
        return null;
    }
}
