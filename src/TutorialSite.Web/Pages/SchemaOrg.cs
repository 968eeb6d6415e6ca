using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using TutorialSite.Web.Content;

namespace TutorialSite.Web.Pages;

/// <summary>
/// JSON-LD (schema.org) that tells search engines what a page is: a tutorial is a <c>LearningResource</c> in its
/// <c>Course</c>, with a <c>BreadcrumbList</c> and, when it has an FAQ, an <c>FAQPage</c>; a course page is a
/// <c>Course</c> with its <c>BreadcrumbList</c>. Built from the content (the operator's site name from
/// <c>site.yml</c> is the courses' provider) and the base URL only, never the learner, so a page rendered once per
/// content snapshot carries it like any other markup.
/// </summary>
public static class SchemaOrg
{
    public static IEnumerable<JsonObject> ForTutorial(Course course, Tutorial tutorial, string siteName, string baseUrl)
    {
        var url = $"{baseUrl}/{tutorial.CourseSlug}/{tutorial.Slug}";
        yield return Item("LearningResource",
            ("name", tutorial.Title),
            ("description", tutorial.Description),
            ("url", url),
            ("inLanguage", SitePageModel.Language),
            ("learningResourceType", "Tutorial"),
            ("dateModified", tutorial.Updated?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            // ISO 8601: PT8M is eight minutes.
            ("timeRequired", $"PT{tutorial.ReadingMinutes}M"),
            ("keywords", tutorial.Tags.Count > 0 ? string.Join(", ", tutorial.Tags) : null),
            ("teaches", Array(tutorial.Sections.Where(s => s.Kind == SectionKind.Takeaways)
                .SelectMany(s => s.Items).Select(i => (JsonNode?)i.Text))),
            ("isPartOf", CourseItem(course, siteName, baseUrl)));
        yield return Breadcrumbs(baseUrl, ("Home", "/"), (course.Title, $"/{course.Slug}"), (tutorial.Title, $"/{tutorial.CourseSlug}/{tutorial.Slug}"));
        if (tutorial.Faq.Count > 0)
        {
            yield return Item("FAQPage",
                ("url", url),
                ("mainEntity", Array(tutorial.Faq.Select(f => (JsonNode?)Thing("Question",
                    ("name", f.Question),
                    ("acceptedAnswer", Thing("Answer", ("text", f.Answer))))))));
        }
    }

    public static IEnumerable<JsonObject> ForCourse(Course course, string siteName, string baseUrl)
    {
        var item = CourseItem(course, siteName, baseUrl);
        item["hasPart"] = Array(course.Tutorials.Select(t => (JsonNode?)Thing("LearningResource",
            ("name", t.Title),
            ("url", $"{baseUrl}/{t.CourseSlug}/{t.Slug}"),
            ("timeRequired", $"PT{t.ReadingMinutes}M"))));
        yield return TopLevel(item);
        yield return Breadcrumbs(baseUrl, ("Home", "/"), (course.Title, $"/{course.Slug}"));
    }

    /// <summary>
    /// The item as the text of a <c>script</c> element. System.Text.Json's default encoder writes <c>&lt;</c>,
    /// <c>&gt;</c> and <c>&amp;</c> as <c>\u</c> escapes, so no content can end the element or start a comment in it.
    /// </summary>
    public static IHtmlContent Json(JsonObject item) => new HtmlString(item.ToJsonString());

    /// <summary>A Course as Google's course rich result asks for it: name, description and provider.</summary>
    private static JsonObject CourseItem(Course course, string siteName, string baseUrl) =>
        Thing("Course",
            ("name", course.Title),
            ("description", course.Description ?? course.Title),
            ("url", $"{baseUrl}/{course.Slug}"),
            ("inLanguage", SitePageModel.Language),
            ("provider", Thing("Organization", ("name", siteName), ("url", baseUrl + "/"))));

    private static JsonObject Breadcrumbs(string baseUrl, params (string Name, string Path)[] trail) =>
        Item("BreadcrumbList", ("itemListElement", Array(trail.Select((step, i) => (JsonNode?)Thing("ListItem",
            ("position", i + 1),
            ("name", step.Name),
            ("item", baseUrl + step.Path))))));

    /// <summary>A top-level item of <paramref name="type"/>.</summary>
    private static JsonObject Item(string type, params (string Name, JsonNode? Value)[] properties) => TopLevel(Thing(type, properties));

    /// <summary>The thing as a top-level item: with its <c>@context</c>, first.</summary>
    private static JsonObject TopLevel(JsonObject thing)
    {
        thing.Insert(0, "@context", "https://schema.org");
        return thing;
    }

    /// <summary>An object of <paramref name="type"/>; properties without a value (null, empty list) are left out.</summary>
    private static JsonObject Thing(string type, params (string Name, JsonNode? Value)[] properties)
    {
        var thing = new JsonObject { ["@type"] = type };
        foreach (var (name, value) in properties.Where(p => p.Value is not null and not JsonArray { Count: 0 }))
        {
            thing[name] = value;
        }
        return thing;
    }

    private static JsonArray Array(IEnumerable<JsonNode?> items) => [.. items];
}
