namespace TutorialSite.Web.Content;

/// <summary>
/// "Edit this page" links, when <c>Site__RepositoryUrl</c> names where the content folder can be edited, such as
/// <c>https://github.com/org/repo/edit/main/content</c>: a page's link is that address, a slash, and the path of its
/// file inside the content folder (<c>.../content/docker/01-what-is-docker.md</c>). Without it, pages have no link.
/// </summary>
public sealed class EditLinks
{
    private readonly string? prefix;

    private EditLinks(string? prefix) => this.prefix = prefix;

    /// <summary>From <see cref="SiteOptions.RepositoryUrl"/>, checked when the site starts.</summary>
    public static EditLinks From(SiteOptions site) => new(site.RepositoryUrl?.AbsoluteUri.TrimEnd('/'));

    /// <summary>Where to edit the file at <paramref name="sourcePath"/> (under <paramref name="contentRoot"/>); null when not configured.</summary>
    public string? For(string contentRoot, string sourcePath) =>
        prefix is null
            ? null
            : prefix + "/" + string.Join('/', Path.GetRelativePath(contentRoot, sourcePath).Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
}
