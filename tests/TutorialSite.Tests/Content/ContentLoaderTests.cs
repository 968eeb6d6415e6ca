namespace TutorialSite.Tests.Content;

public sealed class ContentLoaderTests : SiteOnSampleContent
{
    [Fact]
    public void Load_SampleFolder_OrdersCoursesAndTutorialsAndStripsOrderPrefixFromSlugs()
    {

        var snapshot = LoadContent(includeDrafts: true);

        Assert.Empty(snapshot.Problems);
        Assert.Equal(["docker", "git"], snapshot.Courses.Select(c => c.Slug));
        Assert.Equal(["images", "draft-work", "volumes"], snapshot.Courses[0].Tutorials.Select(t => t.Slug));
        Assert.Equal([1, 2, 3], snapshot.Courses[0].Tutorials.Select(t => t.Order));
    }

    [Fact]
    public void Load_Cancelled_StopsBeforeTheNextCourse_AndPublishesNothing()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        // A batch of the first start's pass gives way to an edit this way (ContentLoading).
        Assert.ThrowsAny<OperationCanceledException>(() => ContentLoader.Load(Content.Root, includeDrafts: false, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void Reload_AfterEditingOneFile_ParsesOnlyThatFile()
    {
        var first = LoadContent(includeDrafts: true);
        var path = Content.Write("docker/01-images.md", TempContent.Tutorial("Images, edited"));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5)); // a later edit, whatever the clock's resolution

        var second = LoadContent(includeDrafts: true, previous: first);

        Assert.Equal("Images, edited", second.FindTutorial("docker", "images")!.Title);
        Assert.Same(first.FindTutorial("docker", "volumes"), second.FindTutorial("docker", "volumes"));
        Assert.Equal(first.Problems, second.Problems);
    }

    [Fact]
    public void Load_ExplicitOrder_OverridesFileNamePrefix()
    {
        Content.Write("docker/09-first.md", TempContent.Tutorial("First", "order: 0"));

        var snapshot = LoadContent();

        Assert.Equal("first", snapshot.Courses[0].Tutorials[0].Slug);
    }

    [Fact]
    public void Load_WithoutDrafts_LeavesDraftsOutOfListsLookupsAndNeighbours()
    {

        var snapshot = LoadContent();

        Assert.Null(snapshot.FindTutorial("docker", "draft-work"));
        var images = snapshot.FindTutorial("docker", "images")!;
        Assert.Equal("volumes", snapshot.Neighbours(images).Next?.Slug);
        Assert.Null(snapshot.Neighbours(images).Previous);
    }

    [Fact]
    public void Load_WithDrafts_ServesThemMarked()
    {

        var draft = LoadContent(includeDrafts: true).FindTutorial("docker", "draft-work");

        Assert.True(draft?.Draft);
    }

    [Fact]
    public void Load_Tutorial_ReadsFrontMatter()
    {

        var t = LoadContent().FindTutorial("docker", "images")!;

        Assert.Equal("Images", t.Title);
        Assert.Equal("Learn Images.", t.Description);
        Assert.Equal(new DateOnly(2026, 11, 20), t.Updated);
        Assert.Equal(["docker"], t.Tags);
    }

    [Fact]
    public void Load_Tutorial_SplitsBodyFromTheFourSections()
    {

        var t = LoadContent().FindTutorial("docker", "images")!;

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
        var broken = Content.Write("docker/04-broken.md", "---\ndescription: no title\n---\n\nBody.\n");

        var snapshot = LoadContent();

        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal((broken, 1, Rules.TitleMissing, Severity.Error), (problem.Path, problem.Line, problem.Rule, problem.Severity));
        Assert.Null(snapshot.FindTutorial("docker", "broken"));
        Assert.NotNull(snapshot.FindTutorial("docker", "images"));
    }

    [Fact]
    public void Load_MalformedYaml_ReportsTheLineOfTheYamlError()
    {
        Content.Write("docker/04-broken.md", "---\ntitle: Fine\ndescription: [unclosed\n---\n\nBody.\n");

        var problem = Assert.Single(LoadContent().Problems);

        Assert.Equal(Rules.FrontMatterYaml, problem.Rule);
        Assert.InRange(problem.Line, 3, 4);
    }

    [Fact]
    public void Load_UnknownFrontMatterKey_WarnsWithTheNearKey()
    {
        Content.Write("docker/04-typo.md", TempContent.Tutorial("Typo", "tittle: oops"));

        var snapshot = LoadContent();

        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal((Rules.UnknownKey, Severity.Warning, 6), (problem.Rule, problem.Severity, problem.Line));
        Assert.Contains("did you mean `title`?", problem.Message, StringComparison.Ordinal);
        Assert.NotNull(snapshot.FindTutorial("docker", "typo"));
    }

    [Fact]
    public void Load_LinkIntoACourseThatDoesNotExist_IsABrokenLinkNotACrash()
    {
        Content.Write("docker/04-links.md", TempContent.Tutorial("Links").Replace("## Key Takeaways", "See [this](/no-such-course/page).\n\n## Key Takeaways", StringComparison.Ordinal));

        var snapshot = LoadContent();

        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal((Rules.BrokenLink, "link `/no-such-course/page` leads to no tutorial"), (problem.Rule, problem.Message));
        Assert.NotNull(snapshot.FindTutorial("docker", "links"));
    }

    [Fact]
    public void Load_InvalidUtf8_ReportsTheLineAndSkipsTheFile()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("---\ntitle: Bad\n---\n\nline four\n").ToList();
        bytes.InsertRange(bytes.Count - 1, new byte[] { 0xC3, 0x28 });
        Content.WriteBytes("docker/05-bad.md", [.. bytes]);

        var snapshot = LoadContent();

        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal((Rules.InvalidUtf8, 5), (problem.Rule, problem.Line));
        Assert.Null(snapshot.FindTutorial("docker", "bad"));
    }

    public static TheoryData<string, string, string> CourseFoldersItCannotServe => new()
    {
        { "orphans/01-alone.md", TempContent.Tutorial("Alone"), Rules.CourseIndexMissing }, // no _index.md
        { "progress/_index.md", TempContent.Course("Progress"), Rules.ReservedSlug }, // the address of the site's own page
    };

    [Theory]
    [MemberData(nameof(CourseFoldersItCannotServe))]
    public void Load_CourseFolderItCannotServe_IsReportedAndLeftOut(string file, string text, string rule)
    {
        Content.Write(file, text);

        var snapshot = LoadContent();

        Assert.Equal(rule, Assert.Single(snapshot.Problems).Rule);
        Assert.Null(snapshot.FindCourse(file.Split('/')[0]));
    }

    [Fact]
    public void Load_TwoFilesWithTheSameSlug_ReportsTheSecond()
    {
        var second = Content.Write("docker/07-images.md", TempContent.Tutorial("Images again"));

        var snapshot = LoadContent();

        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal((Rules.DuplicateSlug, second), (problem.Rule, problem.Path));
        Assert.Equal("Images", snapshot.FindTutorial("docker", "images")!.Title);
    }

    [Fact]
    public void Load_NoDescription_FallsBackToTheFirstParagraph()
    {
        Content.Write("docker/06-plain.md", "---\ntitle: Plain\n---\n\nThe **first** paragraph.\n\nSecond.\n");

        var t = LoadContent().FindTutorial("docker", "plain")!;

        Assert.Equal("The first paragraph.", t.Description);
    }

    [Fact]
    public void Load_TooDeeplyNestedMarkdown_IsReportedAndTheRestServed()
    {
        var deep = Content.Write("docker/08-deep.md", "---\ntitle: Deep\n---\n\n" + new string('>', 5000) + " deep\n" + string.Concat(Enumerable.Repeat("- ", 3000)) + "x\n");

        var snapshot = LoadContent();

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
            Assert.InRange(counts[Web.Content.SectionKind.Takeaways], 3, 6);
            Assert.InRange(counts[Web.Content.SectionKind.Tasks], 2, 4);
        });
    }
}
