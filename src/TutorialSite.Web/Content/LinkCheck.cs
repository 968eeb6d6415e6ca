namespace TutorialSite.Web.Content;

/// <summary>
/// Every internal link and image in a snapshot must lead to a course, tutorial, heading or served file that exists;
/// what is wrong with one that does not is said at its line.
/// </summary>
public static class LinkCheck
{
    public static IEnumerable<ContentProblem> Problems(ContentSnapshot snapshot)
    {
        var pages = snapshot.Courses.Select(c => (Page: $"/{c.Slug}", File: c.SourcePath, c.Links, Tutorial: (Tutorial?)null))
            .Concat(snapshot.Tutorials.Select(t => (Page: $"/{t.CourseSlug}/{t.Slug}", File: t.SourcePath, t.Links, Tutorial: (Tutorial?)t)));
        foreach (var (page, file, links, tutorial) in pages)
        {
            foreach (var link in links.Where(l => !ContentAddress.IsExternal(l.Target)))
            {
                if (Resolve(snapshot, page, tutorial, link) is { } message)
                {
                    yield return new ContentProblem(file, link.Line, link.Column, Severity.Error, message,
                        link.IsImage ? Rules.MissingImage : Rules.BrokenLink);
                }
            }
        }
    }

    /// <summary>Null when the link leads somewhere; otherwise what is wrong with it.</summary>
    private static string? Resolve(ContentSnapshot snapshot, string page, Tutorial? pageTutorial, ContentLink link)
    {
        var (path, fragment) = ContentAddress.SplitFragment(link.Target);
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            path = path[..query];
        }
        var anchor = fragment.TrimStart('#');
        if (path.Length == 0)
        {
            return pageTutorial is null || anchor.Length == 0 || pageTutorial.Anchors.Contains(anchor)
                ? null
                : $"link to `#{anchor}`: {MissingAnchor(pageTutorial, anchor, "this page")}";
        }
        var absolute = new Uri(new Uri("http://site" + page), path).AbsolutePath.TrimEnd('/');
        var segments = absolute.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (link.IsImage || segments.LastOrDefault() is { } last && !ContentAddress.IsPageSegment(last))
        {
            var file = Path.Combine([snapshot.Root, .. segments]);
            var shown = Path.GetRelativePath(Path.GetDirectoryName(snapshot.Root)!, file);
            if (!File.Exists(file) || !Path.GetFullPath(file).StartsWith(snapshot.Root, StringComparison.Ordinal))
            {
                return $"{(link.IsImage ? "image" : "link")} `{link.Url}` points at `{shown}`, which does not exist";
            }
            return ContentAddress.IsServedAsset(file)
                ? null
                : $"{(link.IsImage ? "image" : "link")} `{link.Url}` points at `{shown}`, which the site does not serve: only {string.Join(", ", ContentAddress.AssetTypes.Keys)} files are";
        }
        switch (segments)
        {
            case []:
            case ["progress"]:
                return null;
            case [var course]:
                return snapshot.FindCourse(course) is not null || snapshot.FindCourseByAlias(course) is not null
                    ? null
                    : $"link `{link.Url}` leads to no course; courses are {string.Join(", ", snapshot.Courses.Select(c => $"`/{c.Slug}`"))}";
            case [var course, var slug]:
                var target = snapshot.FindTutorial(course, slug) ?? snapshot.FindByAlias(course, slug);
                if (target is null)
                {
                    var near = Spelling.Nearest(slug, snapshot.FindCourse(course)?.Tutorials.Select(t => t.Slug) ?? []);
                    return $"link `{link.Url}` leads to no tutorial" + (near is null ? "" : $"; did you mean `/{course}/{near}`?");
                }
                return anchor.Length == 0 || target.Anchors.Contains(anchor)
                    ? null
                    : $"link `{link.Url}`: {MissingAnchor(target, anchor, $"`/{target.CourseSlug}/{target.Slug}`")}";
            default:
                return $"link `{link.Url}` leads to no page of the site";
        }
    }

    /// <summary>Why a fragment leads nowhere: its element was removed by the HTML cleaning, or no element has that id.</summary>
    private static string MissingAnchor(Tutorial page, string anchor, string name) =>
        page.RemovedAnchors.TryGetValue(anchor, out var why)
            ? $"the element with id `{anchor}` on {name} was removed from its raw HTML ({why})"
            : $"no element on {name} has the id `{anchor}` (headings, FAQ questions, checklist items and `id` attributes count); {Suggest(anchor, page.Anchors)}";

    private static string Suggest(string anchor, IReadOnlySet<string> anchors) =>
        Spelling.Nearest(anchor, anchors) is { } near ? $"did you mean `#{near}`?" : "link to one of its headings";
}
