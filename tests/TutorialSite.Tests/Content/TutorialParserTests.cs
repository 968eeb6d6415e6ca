namespace TutorialSite.Tests.Content;

/// <summary>The parser alone: text in, a tutorial and its problems out, with no content folder on disk.</summary>
public sealed class TutorialParserTests
{
    // Paths that do not exist: the parser must never look at the file system.
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "no-such-content-" + Guid.NewGuid().ToString("N"));
    private static readonly string Source = Path.Combine(Root, "docker", "02-volumes.md");

    [Fact]
    public void Parse_TextOfAFileThatDoesNotExist_ReturnsTheTutorialNamedAfterItsPath()
    {
        var problems = new List<ContentProblem>();

        var tutorial = TutorialParser.Parse(TempContent.Tutorial("Volumes"), Source, Root, "docker", problems);

        Assert.Empty(problems);
        Assert.NotNull(tutorial);
        Assert.Equal(("docker", "volumes", 2, "Volumes", Source), (tutorial.CourseSlug, tutorial.Slug, tutorial.Order, tutorial.Title, tutorial.SourcePath));
        Assert.Equal(["explain-images", "run-container", "run-ps"], tutorial.ChecklistItems.Select(i => i.Key));
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void Parse_RelativeLinkToAnotherFile_PointsAtItsPageOnTheSite()
    {
        var problems = new List<ContentProblem>();
        var text = TempContent.Tutorial("Volumes").Replace("## Key Takeaways", "See [images](01-images.md#first-part) and [git](../git/_index.md).\n\n## Key Takeaways", StringComparison.Ordinal);

        var tutorial = TutorialParser.Parse(text, Source, Root, "docker", problems)!;

        Assert.Equal(["/docker/images#first-part", "/git"], tutorial.Links.Select(l => l.Target));
        Assert.Contains("href=\"/docker/images#first-part\"", tutorial.BodyHtml.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingTitle_ReturnsNullWithTheProblemAtItsLine()
    {
        var problems = new List<ContentProblem>();

        var tutorial = TutorialParser.Parse("---\ndescription: no title\n---\n\nBody.\n", Source, Root, "docker", problems);

        Assert.Null(tutorial);
        var problem = Assert.Single(problems);
        Assert.Equal((Source, 1, Rules.TitleMissing), (problem.Path, problem.Line, problem.Rule));
    }

    [Fact]
    public void ParseCourse_Introduction_ReturnsTheCourseWithoutTutorials()
    {
        var problems = new List<ContentProblem>();
        var index = Path.Combine(Root, "docker", ContentAddress.CourseIndexFile);

        var course = TutorialParser.ParseCourse(TempContent.Course("Docker", order: 3), index, Root, "docker", problems);

        Assert.Empty(problems);
        Assert.Equal(("docker", "Docker", 3, 0), (course!.Slug, course.Title, course.Order, course.Tutorials.Count));
    }
}
