namespace TutorialSite.Web.Operations;

/// <summary>
/// The one folder of runtime data (<c>Data__Path</c>, default <c>App_Data</c> under the content root): the SQLite
/// database and the data-protection keys. In the container it is the <c>/data</c> volume.
/// </summary>
public static class DataFolder
{
    public static string Resolve(IConfiguration configuration, IHostEnvironment environment) =>
        Path.GetFullPath(configuration["Data:Path"] ?? "App_Data", environment.ContentRootPath);
}
