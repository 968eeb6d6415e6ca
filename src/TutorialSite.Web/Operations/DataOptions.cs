namespace TutorialSite.Web.Operations;

/// <summary>
/// The one folder of runtime data (<c>Data__Path</c>, default <c>App_Data</c> under the content root): the SQLite
/// database, the data-protection keys and the content caches. In the container it is the <c>/data</c> volume. The
/// composition root hands it to Content and Progress; neither reads the setting.
/// </summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>The folder, as a full path.</summary>
    public string Path { get; set; } = "";

    public static void Bind(DataOptions options, IConfiguration configuration, IHostEnvironment environment) =>
        options.Path = System.IO.Path.GetFullPath(
            configuration.GetSection(Section)[nameof(Path)] is { Length: > 0 } path ? path : "App_Data", environment.ContentRootPath);
}
