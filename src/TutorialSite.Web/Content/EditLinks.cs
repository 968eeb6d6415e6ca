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

    /// <summary>
    /// Reads and checks <c>Site__RepositoryUrl</c> once, at start-up: a value that is not an absolute http(s) URL
    /// stops the start with a message, rather than putting a broken or scripting link on every page.
    /// </summary>
    public static EditLinks From(IConfiguration configuration)
    {
        if (configuration["Site:RepositoryUrl"] is not { Length: > 0 } value)
        {
            return new(null);
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            throw new InvalidOperationException(
                $"Site__RepositoryUrl: `{value}` is not an absolute http or https URL without query, fragment or user name; " +
                "give the address where the content folder is edited, like https://github.com/org/repo/edit/main/content");
        }
        return new(url.AbsoluteUri.TrimEnd('/'));
    }

    /// <summary>Where to edit the file at <paramref name="sourcePath"/> (under <paramref name="contentRoot"/>); null when not configured.</summary>
    public string? For(string contentRoot, string sourcePath) =>
        prefix is null
            ? null
            : prefix + "/" + string.Join('/', Path.GetRelativePath(contentRoot, sourcePath).Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
}
