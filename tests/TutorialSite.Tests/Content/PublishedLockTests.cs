namespace TutorialSite.Tests.Content;

/// <summary>No edit may make learners' ticks vanish without the editor saying so.</summary>
public sealed class PublishedLockTests : SiteOnSampleContent
{
    private const string Takeaways = "- I can explain images. {#explain-images}\n- I can run a container. {#run-container}\n";

    public PublishedLockTests() => Assert.Equal(0, Check(accept: true).Exit);

    [Fact]
    public void Check_UnchangedContent_Passes() => Assert.Equal(0, Check().Exit);

    [Fact]
    public void Check_RewordedItemWithoutItsKey_FailsAtTheFileAndLineNamingTheKey()
    {
        var file = Content.Write("docker/01-images.md", TempContent.Tutorial("Images", takeaways: "- I can explain what an image is.\n- I can run a container. {#run-container}\n"));

        var (exit, output) = Check();

        Assert.Equal(1, exit);
        Assert.Contains($"{Display(file)}:25: error: published checklist key `explain-images` is gone", output, StringComparison.Ordinal);
        Assert.Contains("[published-key-removed]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RewordedItemKeepingItsKey_Passes()
    {
        Content.Write("docker/01-images.md", TempContent.Tutorial("Images", takeaways: "- I can tell an image from a container. {#explain-images}\n- I can run a container. {#run-container}\n"));

        Assert.Equal(0, Check().Exit);
    }

    [Fact]
    public void Check_ItemMappedToItsFormerKey_Passes()
    {
        Content.Write("docker/01-images.md", TempContent.Tutorial("Images", takeaways: "- I can explain layers. {#explain-layers was explain-images}\n- I can run a container. {#run-container}\n"));

        Assert.Equal(0, Check().Exit);
    }

    [Fact]
    public void Check_RenamedTutorialWithoutAlias_FailsAtTheLockLine()
    {
        File.Move(Path.Combine(Content.Root, "docker", "01-images.md"), Path.Combine(Content.Root, "docker", "01-container-images.md"));

        var (exit, output) = Check();

        Assert.Equal(1, exit);
        Assert.Contains("published.lock:", output, StringComparison.Ordinal);
        Assert.Contains("tutorial `docker/images` was published", output, StringComparison.Ordinal);
        Assert.Contains("`aliases: [images]`", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RenamedTutorialWithAlias_Passes()
    {
        File.Delete(Path.Combine(Content.Root, "docker", "01-images.md"));
        Content.Write("docker/01-container-images.md", TempContent.Tutorial("Container images", "aliases: [images]", Takeaways));

        Assert.Equal(0, Check().Exit);
    }

    [Fact]
    public void Check_AliasRemovedAfterItWasPublished_Fails()
    {
        File.Delete(Path.Combine(Content.Root, "docker", "01-images.md"));
        Content.Write("docker/01-container-images.md", TempContent.Tutorial("Container images", "aliases: [images]", Takeaways));
        Check(accept: true);

        Content.Write("docker/01-container-images.md", TempContent.Tutorial("Container images", "", Takeaways));

        Assert.Contains("published alias `docker/images` was removed", Check().Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_RetiresTheRemovedKey_ThenItPassesAndTheKeyCannotComeBack()
    {
        Content.Write("docker/01-images.md", TempContent.Tutorial("Images", takeaways: "- I can run a container. {#run-container}\n"));

        var accepted = Check(accept: true);

        Assert.Equal(0, accepted.Exit);
        Assert.Contains("retired docker/images#explain-images", accepted.Output, StringComparison.Ordinal);
        Assert.Equal(0, Check().Exit);

        Content.Write("docker/01-images.md", TempContent.Tutorial("Images", takeaways: "- Something else entirely. {#explain-images}\n- I can run a container. {#run-container}\n"));
        var reused = Check();
        Assert.Equal(1, reused.Exit);
        Assert.Contains("[retired-key-reused]", reused.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_RemovedTutorial_IsRecordedAsRetired()
    {
        File.Delete(Path.Combine(Content.Root, "docker", "03-volumes.md"));

        var accepted = Check(accept: true);

        Assert.Contains("retired docker/volumes", accepted.Output, StringComparison.Ordinal);
        Assert.Contains("\"docker/volumes\": {\"keys\":[],\"aliases\":[],\"retiredKeys\":[\"explain-images\",\"run-container\",\"run-ps\"],\"retired\":true}",
            File.ReadAllText(PublishedLock.PathIn(Content.Root)), StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_WhileTheContentHasErrors_RefusesAndWritesNothing()
    {
        var before = File.ReadAllText(PublishedLock.PathIn(Content.Root));
        Content.Write("docker/01-images.md", "---\ntitle: [broken\n---\n");

        var (exit, output) = Check(accept: true);

        Assert.Equal(1, exit);
        Assert.Contains("Not accepted", output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(PublishedLock.PathIn(Content.Root)));
    }

    [Fact]
    public void Accept_DraftTutorials_AreNotPublished()
    {
        Assert.DoesNotContain("draft-work", File.ReadAllText(PublishedLock.PathIn(Content.Root)), StringComparison.Ordinal);
    }

    private (int Exit, string Output) Check(bool accept = false)
    {
        var output = new StringWriter();
        var exit = ContentCheck.Run(Content.Root, accept, output);
        return (exit, output.ToString());
    }

    private string Display(string file) => Path.GetRelativePath(Path.GetDirectoryName(Content.Root)!, file);
}
