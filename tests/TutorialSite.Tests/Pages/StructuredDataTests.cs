using System.Net;
using System.Text.Json;

namespace TutorialSite.Tests.Pages;

/// <summary>
/// The JSON-LD search engines read, parsed from the rendered pages: schema.org types with the properties Google's
/// rich-result documentation requires (FAQPage, BreadcrumbList, Course), and absolute URLs that answer.
/// </summary>
public sealed class StructuredDataTests() : SiteOnSampleContent("Production")
{
    /// <summary>Required properties by type: Google's FAQ, breadcrumb and course docs, and what this site promises for the rest.</summary>
    private static readonly Dictionary<string, string[]> Required = new()
    {
        ["FAQPage"] = ["mainEntity"],
        ["Question"] = ["name", "acceptedAnswer"],
        ["Answer"] = ["text"],
        ["BreadcrumbList"] = ["itemListElement"],
        ["ListItem"] = ["position", "name", "item"],
        ["Course"] = ["name", "description", "provider", "url"],
        ["Organization"] = ["name"],
        ["LearningResource"] = ["name", "url"],
    };

    [Fact]
    public async Task Tutorial_HasLearningResourceBreadcrumbsAndFaqPage_WithTheRequiredProperties()
    {
        var items = await JsonLdOf("/docker/images");

        Assert.Equal(["LearningResource", "BreadcrumbList", "FAQPage"], items.Select(i => i.GetProperty("@type").GetString()));
        var resource = items[0];
        Assert.Equal("Images", resource.GetProperty("name").GetString());
        Assert.Equal("http://localhost/docker/images", resource.GetProperty("url").GetString());
        Assert.Equal("2026-11-20", resource.GetProperty("dateModified").GetString());
        Assert.Equal("PT1M", resource.GetProperty("timeRequired").GetString());
        Assert.Equal(["I can explain images.", "I can run a container."], resource.GetProperty("teaches").EnumerateArray().Select(t => t.GetString()));
        var course = resource.GetProperty("isPartOf");
        Assert.Equal(("Course", "Docker", "http://localhost/docker"), (course.GetProperty("@type").GetString(), course.GetProperty("name").GetString(), course.GetProperty("url").GetString()));
        var faq = items[2].GetProperty("mainEntity").EnumerateArray()
            .Select(q => (q.GetProperty("name").GetString(), q.GetProperty("acceptedAnswer").GetProperty("text").GetString()));
        Assert.Equal([("Why?", "Because."), ("How?", "Like this.")], faq);
        await AssertBreadcrumbsAsync(items[1], ["Home", "Docker", "Images"]);
    }

    [Fact]
    public async Task Course_HasCourseWithItsTutorialsAndBreadcrumbs()
    {
        var items = await JsonLdOf("/docker");

        Assert.Equal(["Course", "BreadcrumbList"], items.Select(i => i.GetProperty("@type").GetString()));
        var course = items[0];
        Assert.Equal(("Docker", "About Docker."), (course.GetProperty("name").GetString(), course.GetProperty("description").GetString()));
        Assert.Equal(("Organization", "TutorialSite"), (course.GetProperty("provider").GetProperty("@type").GetString(), course.GetProperty("provider").GetProperty("name").GetString()));
        var parts = course.GetProperty("hasPart").EnumerateArray().Select(p => p.GetProperty("url").GetString()!).ToList();
        Assert.Equal(["http://localhost/docker/images", "http://localhost/docker/volumes"], parts); // the draft is not published
        await AssertAnswerAsync(parts);
        await AssertBreadcrumbsAsync(items[1], ["Home", "Docker"]);
    }

    [Fact]
    public async Task TutorialWithoutFaq_HasNoFaqPage()
    {
        Content.Write("git/02-plain.md", "---\ntitle: Plain\n---\n\nJust a lesson.\n");

        var items = await JsonLdOf("/git/plain");

        Assert.Equal(["LearningResource", "BreadcrumbList"], items.Select(i => i.GetProperty("@type").GetString()));
    }

    [Fact]
    public async Task HostileContent_CannotEndTheScriptElement()
    {
        const string Hostile = "</script><script>alert(1)</script><!--";
        Content.Write("git/02-hostile.md", $"---\ntitle: \"{Hostile}\"\n---\n\nA lesson.\n\n## FAQ\n\n### Is `{Hostile}` safe?\n\nYes: {Hostile}\n");

        using var response = await Site.CreateBrowser().GetAsync("/git/hostile");
        var html = await response.Content.ReadAsStringAsync();
        var items = await JsonLdOf("/git/hostile");

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Equal(Hostile, items[0].GetProperty("name").GetString());
        Assert.Equal($"Is {Hostile} safe?", items[2].GetProperty("mainEntity")[0].GetProperty("name").GetString());
    }

    /// <summary>Every JSON-LD item of the page, each checked for its context, type and required properties.</summary>
    private async Task<List<JsonElement>> JsonLdOf(string path)
    {
        var page = await Site.CreateBrowser().GetDocumentAsync(path);
        var items = page.QuerySelectorAll("head script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement.Clone()).ToList();
        Assert.NotEmpty(items);
        Assert.All(items, item =>
        {
            Assert.Equal("https://schema.org", item.GetProperty("@context").GetString());
            AssertRequiredProperties(item);
        });
        return items;
    }

    private static void AssertRequiredProperties(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray())
            {
                AssertRequiredProperties(child);
            }
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        var type = element.GetProperty("@type").GetString()!;
        Assert.True(Required.ContainsKey(type), $"unexpected type {type}");
        foreach (var name in Required[type])
        {
            Assert.True(element.TryGetProperty(name, out var value) && value.ToString().Length > 0, $"{type} has no {name}");
        }
        foreach (var property in element.EnumerateObject().Where(p => p.Name.EndsWith("url", StringComparison.OrdinalIgnoreCase) || p.Name == "item"))
        {
            Assert.True(Uri.TryCreate(property.Value.GetString(), UriKind.Absolute, out _), $"{type}.{property.Name} is not absolute");
        }
        foreach (var property in element.EnumerateObject())
        {
            AssertRequiredProperties(property.Value);
        }
    }

    /// <summary>Positions 1 to n in order, the names given, and every item an absolute URL of a page that answers.</summary>
    private async Task AssertBreadcrumbsAsync(JsonElement list, string[] names)
    {
        var steps = list.GetProperty("itemListElement").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, names.Length), steps.Select(s => s.GetProperty("position").GetInt32()));
        Assert.Equal(names, steps.Select(s => s.GetProperty("name").GetString()));
        await AssertAnswerAsync(steps.Select(s => s.GetProperty("item").GetString()!));
    }

    private async Task AssertAnswerAsync(IEnumerable<string> urls)
    {
        var browser = Site.CreateBrowser();
        foreach (var url in urls)
        {
            using var response = await browser.GetAsync(new Uri(url).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
