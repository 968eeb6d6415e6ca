using TutorialSite.Web.Content.Markdown;

namespace TutorialSite.Web.Content;

/// <summary>
/// Which addresses are pages and which are files beside the Markdown, decided in one place: the router takes only
/// page segments for the course and tutorial pages (the <c>slug</c> route constraint, <c>Pages/SlugRouteConstraint</c>), so any other address falls
/// through to the content files, and <c>check</c> accepts a file only when it is served. They agree by construction:
/// an image in a course folder (<c>/docker/diagram.png</c>) is never taken for a tutorial.
/// </summary>
public static class ContentAddress
{
    /// <summary>The route constraint's name: <c>@page "/{course:slug}/{tutorial:slug}"</c>.</summary>
    public const string SlugConstraint = "slug";

    /// <summary>A course or tutorial segment; a file name (it has an extension) never is one.</summary>
    public static bool IsPageSegment(string segment) => Slug.IsValid(segment);

    /// <summary>The only files in the content folder the site serves, with their types.</summary>
    public static readonly IReadOnlyDictionary<string, string> AssetTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".avif"] = "image/avif",
        [".svg"] = "image/svg+xml",
    };

    public static bool IsServedAsset(string path) => AssetTypes.ContainsKey(Path.GetExtension(path));
}
