using TutorialSite.Web.Content.Markdown;

namespace TutorialSite.Web.Content;

/// <summary>
/// Every internal link and image in a snapshot must lead to a course, tutorial, heading or served file that exists;
/// what is wrong with one that does not is said at its line, with what to write instead where that can be told.
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
                if (Resolve(snapshot, page, file, tutorial, link) is { } message)
                {
                    yield return new ContentProblem(file, link.Line, link.Column, Severity.Error, message,
                        link.IsImage ? Rules.MissingImage : Rules.BrokenLink);
                }
            }
        }
    }

    /// <summary>Null when the link leads somewhere; otherwise what is wrong with it.</summary>
    private static string? Resolve(ContentSnapshot snapshot, string page, string pageFile, Tutorial? pageTutorial, ContentLink link)
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
        var message = ResolvePath(snapshot, segments, anchor, link);
        // A page link written from the site's root that leads nowhere here was most likely copied from another site.
        return message is not null && !link.IsImage && link.Url.StartsWith('/') && ForeignAddress(snapshot, pageFile, segments, fragment, link) is { } foreign
            ? foreign
            : message;
    }

    private static string? ResolvePath(ContentSnapshot snapshot, string[] segments, string anchor, ContentLink link)
    {
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
                : $"{(link.IsImage ? "image" : "link")} `{link.Url}` points at `{shown}`, which the site does not serve: only {string.Join(", ", ContentAddress.AssetExtensions)} files are";
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

    /// <summary>
    /// What to tell about a link from the site's root that leads nowhere: an address on the site the text was copied
    /// from (react.dev's <c>/reference/react/useState</c>) names no page here. When this site has the page it means
    /// (its folders joined into a course slug, <c>reference-react/usestate</c>, or the one tutorial with that last
    /// segment as its slug), the two ways to write it here; when the address has no shape of this site's, how to write one.
    /// Null when the existing message says it best (a typo in a course or tutorial slug).
    /// </summary>
    private static string? ForeignAddress(ContentSnapshot snapshot, string pageFile, string[] segments, string fragment, ContentLink link)
    {
        if (segments switch
        {
            [var course] => (snapshot.FindCourse(course) ?? snapshot.FindCourseByAlias(course)) is not null,
            [var course, var slug] => (snapshot.FindTutorial(course, slug) ?? snapshot.FindByAlias(course, slug)) is not null,
            _ => false,
        })
        {
            return null; // the page is there: what is wrong is its fragment
        }
        var why = $"link `{link.Url}` leads to no page of this site: a link starting with `/` starts at this site's root, whose pages are `/course/tutorial`, so this looks like an address on the site the text came from";
        if (Intended(snapshot, segments) is { } intended)
        {
            var relative = Path.GetRelativePath(Path.GetDirectoryName(pageFile)!, intended.File).Replace(Path.DirectorySeparatorChar, '/');
            var which = intended.Certain ? $"this site has that page as `{intended.Address}{fragment}`: write that" : $"did you mean `{intended.Address}{fragment}`? Write that";
            return $"{why}; {which}, or link to its file, `{relative}{fragment}`, which works on GitHub too";
        }
        var shapedLikeThisSite = segments.Length <= 2 && segments.All(ContentAddress.IsPageSegment);
        return shapedLikeThisSite || Path.HasExtension(segments[^1])
            ? null
            : $"{why}; link to the Markdown file it means by its relative path (like `../course/01-tutorial.md`), or write the other site's full `https://` address";
    }

    /// <summary>
    /// The page of this site an address from another one means, when exactly one can be told; certain when the
    /// address's folders name it, a guess when only its last segment does.
    /// </summary>
    private static (string Address, string File, bool Certain)? Intended(ContentSnapshot snapshot, string[] segments)
    {
        // Folders flattened into one course folder: /reference/react/useState → reference-react/usestate, /learn/react-compiler → learn-react-compiler.
        for (var split = segments.Length; split >= 1; split--)
        {
            var course = Slug.From(string.Join('-', segments[..split]), maxLength: 80);
            var slug = Slug.From(string.Join('-', segments[split..]), maxLength: 80);
            if (slug.Length == 0 && snapshot.FindCourse(course) is { } page)
            {
                return ($"/{page.Slug}", page.SourcePath, true);
            }
            if (slug.Length > 0 && snapshot.FindTutorial(course, slug) is { } tutorial)
            {
                return ($"/{tutorial.CourseSlug}/{tutorial.Slug}", tutorial.SourcePath, true);
            }
        }
        // Or a page kept under a course of its own: /versions → home/versions, when only one tutorial has that slug.
        var last = Slug.From(segments[^1], maxLength: 80);
        return snapshot.Tutorials.Where(t => t.Slug == last).Take(2).ToList() is [var only]
            ? ($"/{only.CourseSlug}/{only.Slug}", only.SourcePath, false)
            : null;
    }

    /// <summary>Why a fragment leads nowhere: its element was removed by the HTML cleaning, or no element has that id.</summary>
    private static string MissingAnchor(Tutorial page, string anchor, string name) =>
        page.RemovedAnchors.TryGetValue(anchor, out var why)
            ? $"the element with id `{anchor}` on {name} was removed from its raw HTML ({why})"
            : $"no element on {name} has the id `{anchor}` (headings, FAQ questions, checklist items and `id` attributes count); {Suggest(anchor, page.Anchors)}";

    private static string Suggest(string anchor, IReadOnlySet<string> anchors) =>
        Spelling.Nearest(anchor, anchors) is { } near ? $"did you mean `#{near}`?" : "link to one of its headings";
}
