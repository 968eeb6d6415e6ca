using Microsoft.AspNetCore.Mvc;
using TutorialSite.Web.Content;

namespace TutorialSite.Web.Pages;

public sealed class TagsModel(ContentStore content) : SitePageModel
{
    public string? Tag { get; private set; }

    public IReadOnlyList<Tutorial> Tutorials { get; private set; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<Tutorial>> AllTags => content.Current.Tags;

    public override string Title => Tag is null ? "Tags" : $"Tutorials tagged “{Tag}”";

    public override string Description => Tag is null ? "Every topic the tutorials cover." : $"Every tutorial about {Tag}.";

    public string CourseTitle(Tutorial tutorial) => content.Current.FindCourse(tutorial.CourseSlug)?.Title ?? tutorial.CourseSlug;

    public IActionResult OnGet(string? tag)
    {
        if (tag is null)
        {
            return Page();
        }
        if (!content.Current.Tags.TryGetValue(tag, out var tutorials))
        {
            return NotFound();
        }
        (Tag, Tutorials) = (tag.ToLowerInvariant(), tutorials);
        return Page();
    }
}
