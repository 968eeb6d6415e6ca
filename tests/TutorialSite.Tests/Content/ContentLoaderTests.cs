using TutorialSite.Web.Content;

namespace TutorialSite.Tests.Content;

public sealed class ContentLoaderTests
{
    [Fact]
    public void Load_SampleFolder_OrdersCoursesAndTutorialsAndStripsOrderPrefixFromSlugs()
    {
        using var content = TempContent.Sample();

        var snapshot = ContentLoader.Load(content.Root, includeDrafts: true);

        Assert.Empty(snapshot.Problems);
        Assert.Equal(["docker", "git"], snapshot.Courses.Select(c => c.Slug));
        Assert.Equal(["images", "draft-work", "volumes"], snapshot.Courses[0].Tutorials.Select(t => t.Slug));
        Assert.Equal([1, 2, 3], snapshot.Courses[0].Tutorials.Select(t => t.Order));
    }

    [Fact]
    public void Load_Cancelled_StopsBeforeTheNextCourse_AndPublishesNothing()
    {
        using var content = TempContent.Sample();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        // A batch of the first start's pass gives way to an edit this way (ContentLoading).
        Assert.ThrowsAny<OperationCanceledException>(() => ContentLoader.Load(content.Root, includeDrafts: false, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void Reload_AfterEditingOneFile_ParsesOnlyThatFile()
    {
        using var content = TempContent.Sample();
        var first = ContentLoader.Load(content.Root, includeDrafts: true);
        var path = content.Write("docker/01-images.md", TempContent.Tutorial("Images, edited"));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5)); // a later edit, whatever the clock's resolution

        var second = ContentLoader.Load(content.Root, includeDrafts: true, first);

        Assert.Equal("Images, edited", second.FindTutorial("docker", "images")!.Title);
        Assert.Same(first.FindTutorial("docker", "volumes"), second.FindTutorial("docker", "volumes"));
        Assert.Equal(first.Problems, second.Problems);
    }

    [Fact]
    public void Load_ExplicitOrder_OverridesFileNamePrefix()
    {
        using var content = TempContent.Sample();
        content.Write("docker/09-first.md", TempContent.Tutorial("First", "order: 0"));

        var snapshot = ContentLoader.Load(content.Root, includeDrafts: false);

        Assert.Equal("first", snapshot.Courses[0].Tutorials[0].Slug);
    }

    [Fact]
    public void Load_WithoutDrafts_LeavesDraftsOutOfListsLookupsAndNeighbours()
    {
        using var content = TempContent.Sample();

        var snapshot = ContentLoader.Load(content.Root, includeDrafts: false);

        Assert.Null(snapshot.FindTutorial("docker", "draft-work"));
        var images = snapshot.FindTutorial("docker", "images")!;
        Assert.Equal("volumes", snapshot.Neighbours(images).Next?.Slug);
        Assert.Null(snapshot.Neighbours(images).Previous);
    }

    [Fact]
    public void Load_WithDrafts_ServesThemMarked()
    {
        using var content = TempContent.Sample();

        var draft = ContentLoader.Load(content.Root, includeDrafts: true).FindTutorial("docker", "draft-work");

        Assert.True(draft?.Draft);
    }

    [Fact]
    public void Load_Tutorial_ReadsFrontMatter()
    {
        using var content = TempContent.Sample();

        var t = ContentLoader.Load(content.Root, includeDrafts: false).FindTutorial("docker", "images")!;

        Assert.Equal("Images", t.Title);
        Assert.Equal("Learn Images.", t.Description);
        Assert.Equal(new DateOnly(2026, 11, 20), t.Updated);
        Assert.Equal(["docker"], t.Tags);
    }

    [Fact]
    public void Load_Tutorial_SplitsBodyFromTheFourSections()
    {
        using var content = TempContent.Sample();

        var t = ContentLoader.Load(content.Root, includeDrafts: false).FindTutorial("docker", "images")!;

        Assert.Contains("<h2 id=\"first-part\">First part</h2>", t.BodyHtml.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Key Takeaways", t.BodyHtml.ToString(), StringComparison.Ordinal);
        Assert.Equal(["key-takeaways", "common-mistakes", "practice-tasks", "faq"], t.Sections.Select(s => s.Id));
        Assert.Equal(["explain-images", "run-container", "run-ps"], t.ChecklistItems.Select(i => i.Key));
        Assert.Equal(
            ["first-part", "a-detail", "key-takeaways", "common-mistakes", "practice-tasks", "faq"],
            t.Toc.Select(e => e.Id));
    }

    [Fact]
    public void Load_MissingTitle_ReportsFileAndLineAndKeepsServingTheRest()
    {
        using var content = TempContent.Sample();
        var broken = content.Write("docker/04-broken.md", "---\ndescription: no title\n---\n\nBody.\n");

        var snapshot = ContentLoader.Load(content.Root, includeDrafts: false);

        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal((broken, 1, Rules.TitleMissing, Severity.Error), (problem.Path, problem.Line, problem.Rule, problem.Severity));
        Assert.Null(snapshot.FindTutorial("docker", "broken"));
        Assert.NotNull(snapshot.FindTutorial("docker", "images"));
    }

    [Fact]
    public void Load_MalformedYaml_ReportsTheLineOfTheYamlError()
    {
        using var content = TempContent.Sample();
        content.Write("docker/04-broken.md", "---\ntitle: Fine\ndescription: [unclosed\n---\n\nBody.\n");

        var problem = Assert.Single(ContentLoader.Load(content.Root, includeDrafts: false).Problems);

        Assert.Equal(Rules.FrontMatterYaml, problem.Rule);
        Assert.InRange(problem.Line, 3, 4);
    }

    [Fact]
    public void Load_UnknownFrontMatterKey_WarnsWithTheNearKey()
    {
        using var content = TempContent.Sample();
        content.Write("docker/04-typo.md", TempContent.Tutorial("Typo", "tittle: oops"));

        var snapshot = ContentLoader.Load(content.Root, includeDrafts: false);

        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal((Rules.UnknownKey, Severity.Warning, 6), (problem.Rule, problem.Severity, problem.Line));
        Assert.Contains("did you mean `title`?", problem.Message, StringComparison.Ordinal);
        Assert.NotNull(snapshot.FindTutorial("docker", "typo"));
    }

    [Fact]
    public void Load_LinkIntoACourseThatDoesNotExist_IsABrokenLinkNotACrash()
    {
        using var content = TempContent.Sample();
        content.Write("docker/04-links.md", TempContent.Tutorial("Links").Replace("## Key Takeaways", "See [this](/no-such-course/page).\n\n## Key Takeaways", StringComparison.Ordinal));

        var snapshot = ContentLoader.Load(content.Root, includeDrafts: false);

        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal((Rules.BrokenLink, "link `/no-such-course/page` leads to no tutorial"), (problem.Rule, problem.Message));
        Assert.NotNull(snapshot.FindTutorial("docker", "links"));
    }

    [Fact]
    public void Load_InvalidUtf8_ReportsTheLineAndSkipsTheFile()
    {
        using var content = TempContent.Sample();
        var bytes = System.Text.Encoding.UTF8.GetBytes("---\ntitle: Bad\n---\n\nline four\n").ToList();
        bytes.InsertRange(bytes.Count - 1, new byte[] { 0xC3, 0x28 });
        content.WriteBytes("docker/05-bad.md", [.. bytes]);

        var snapshot = ContentLoader.Load(content.Root, includeDrafts: false);

        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal((Rules.InvalidUtf8, 5), (problem.Rule, problem.Line));
        Assert.Null(snapshot.FindTutorial("docker", "bad"));
    }

    [Fact]
    public void Load_CourseWithoutIndex_IsReportedAndLeftOut()
    {
        using var content = TempContent.Sample();
        content.Write("orphans/01-alone.md", TempContent.Tutorial("Alone"));

        var snapshot = ContentLoader.Load(content.Root, includeDrafts: false);

        Assert.Equal(Rules.CourseIndexMissing, Assert.Single(snapshot.Problems).Rule);
        Assert.Null(snapshot.FindCourse("orphans"));
    }

    [Fact]
    public void Load_TwoFilesWithTheSameSlug_ReportsTheSecond()
    {
        using var content = TempContent.Sample();
        var second = content.Write("docker/07-images.md", TempContent.Tutorial("Images again"));

        var snapshot = ContentLoader.Load(content.Root, includeDrafts: false);

        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal((Rules.DuplicateSlug, second), (problem.Rule, problem.Path));
        Assert.Equal("Images", snapshot.FindTutorial("docker", "images")!.Title);
    }

    [Fact]
    public void Load_ReservedCourseSlug_IsRejected()
    {
        using var content = TempContent.Sample();
        content.Write("progress/_index.md", TempContent.Course("Progress"));

        var snapshot = ContentLoader.Load(content.Root, includeDrafts: false);

        Assert.Equal(Rules.ReservedSlug, Assert.Single(snapshot.Problems).Rule);
        Assert.Null(snapshot.FindCourse("progress"));
    }

    [Fact]
    public void Load_NoDescription_FallsBackToTheFirstParagraph()
    {
        using var content = TempContent.Sample();
        content.Write("docker/06-plain.md", "---\ntitle: Plain\n---\n\nThe **first** paragraph.\n\nSecond.\n");

        var t = ContentLoader.Load(content.Root, includeDrafts: false).FindTutorial("docker", "plain")!;

        Assert.Equal("The first paragraph.", t.Description);
    }

    [Fact]
    public void Load_TooDeeplyNestedMarkdown_IsReportedAndTheRestServed()
    {
        using var content = TempContent.Sample();
        var deep = content.Write("docker/08-deep.md", "---\ntitle: Deep\n---\n\n" + new string('>', 5000) + " deep\n" + string.Concat(Enumerable.Repeat("- ", 3000)) + "x\n");

        var snapshot = ContentLoader.Load(content.Root, includeDrafts: false);

        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal((Rules.TooComplex, deep), (problem.Rule, problem.Path));
        Assert.Null(snapshot.FindTutorial("docker", "deep"));
        Assert.NotNull(snapshot.FindTutorial("docker", "images"));
    }

    [Fact]
    public void Load_RepositoryContent_HasNoProblemsAndMeetsTheSampleContentBrief()
    {
        var snapshot = ContentLoader.Load(RepoPaths.Content, includeDrafts: false);

        Assert.Empty(snapshot.Problems);
        Assert.True(snapshot.Courses.Count >= 3);
        Assert.All(snapshot.Courses, c => Assert.True(c.Tutorials.Count >= 3, c.Slug));
        Assert.All(snapshot.Tutorials, t =>
        {
            var counts = t.Sections.ToDictionary(s => s.Kind, s => s.Items.Count);
            Assert.Equal(4, t.Sections.Count);
            Assert.InRange(counts[Web.Content.Markdown.SectionKind.Takeaways], 3, 6);
            Assert.InRange(counts[Web.Content.Markdown.SectionKind.Tasks], 2, 4);
        });
    }
}
