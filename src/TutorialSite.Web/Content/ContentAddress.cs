using System.Globalization;
using System.Text.RegularExpressions;
using TutorialSite.Web.Content.Markdown;

namespace TutorialSite.Web.Content;

/// <summary>
/// Which addresses are pages and which are files beside the Markdown, decided in one place: the router takes only
/// page segments for the course and tutorial pages (the <c>slug</c> route constraint, <c>Pages/SlugRouteConstraint</c>), so any other address falls
/// through to the content files, and <c>check</c> accepts a file only when it is served. They agree by construction:
/// an image in a course folder (<c>/docker/diagram.png</c>) is never taken for a tutorial.
/// </summary>
public static partial class ContentAddress
{
    /// <summary>A course folder's introduction: its page is the course's address.</summary>
    public const string CourseIndexFile = "_index.md";

    /// <summary>The route constraint's name: <c>@page "/{course:slug}/{tutorial:slug}"</c>.</summary>
    public const string SlugConstraint = "slug";

    /// <summary>A course or tutorial segment; a file name (it has an extension) never is one.</summary>
    public static bool IsPageSegment(string segment) => Slug.IsValid(segment);

    /// <summary>The only files in the content folder the site serves: images, by their extensions (any case).</summary>
    public static readonly IReadOnlyList<string> AssetExtensions = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"];

    public static bool IsServedAsset(string path) => AssetExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>A tutorial file's slug: its name without the order prefix (<c>02-volumes.md</c> → <c>volumes</c>).</summary>
    public static string TutorialSlugOf(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var prefix = OrderPrefix().Match(name);
        return prefix.Success ? name[prefix.Length..] : name;
    }

    /// <summary>The order a tutorial file's name gives (<c>02-volumes.md</c> → 2), or null without a prefix.</summary>
    public static int? TutorialOrderOf(string file) =>
        OrderPrefix().Match(Path.GetFileNameWithoutExtension(file)) is { Success: true } prefix
            ? int.Parse(prefix.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    /// <summary><c>/docker/02-volumes.md</c> → <c>/docker/volumes</c>; <c>/docker/_index.md</c> → <c>/docker</c>.</summary>
    public static string MarkdownFileUrl(string sitePath)
    {
        var folder = sitePath[..sitePath.LastIndexOf('/')];
        if (Path.GetFileName(sitePath) == CourseIndexFile)
        {
            return folder.Length == 0 ? "/" : folder;
        }
        return folder + "/" + TutorialSlugOf(sitePath);
    }

    /// <summary>A link that leaves the site: it has a scheme (<c>https:</c>, <c>mailto:</c>) or is protocol-relative.</summary>
    public static bool IsExternal(string url) => url.StartsWith("//", StringComparison.Ordinal) || SchemePrefix().IsMatch(url);

    public static (string Path, string Fragment) SplitFragment(string url)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (url, "") : (url[..hash], url[hash..]);
    }

    [GeneratedRegex(@"^(\d+)-")]
    private static partial Regex OrderPrefix();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex SchemePrefix();
}
