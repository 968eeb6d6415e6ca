namespace TutorialSite.Web.Progress;

/// <summary>Where the progress feature keeps what it stores on disk.</summary>
public sealed class ProgressOptions
{
    /// <summary>
    /// The folder of runtime data: SQLite's default <c>progress.db</c> and the data-protection keys. Set by the
    /// composition root from <c>Data__Path</c>; the feature never reads that setting itself.
    /// </summary>
    public string DataFolder { get; set; } = "";
}
