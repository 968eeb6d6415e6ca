using TutorialSite.Web.Progress;

namespace TutorialSite.Tests.Progress;

public sealed class LearnerTicksTests
{
    private static Tick T(string key, string tutorial = "images") =>
        new() { LearnerId = "l", CourseSlug = "docker", TutorialSlug = tutorial, ItemKey = key };

    [Fact]
    public void For_CountsOnlyKeysTheTutorialHasNow()
    {
        var ticks = new LearnerTicks([T("kept"), T("retired"), T("other", tutorial: "volumes")]);

        var completion = ticks.For("docker", "images", new HashSet<string> { "kept", "new" });

        Assert.Equal(new Completion(1, 2), completion);
        Assert.False(completion.IsComplete);
    }

    [Fact]
    public void For_AllCurrentKeysTicked_IsComplete()
    {
        var ticks = new LearnerTicks([T("a"), T("b")]);

        Assert.True(ticks.For("docker", "images", new HashSet<string> { "a", "b" }).IsComplete);
    }

    [Fact]
    public void Completion_OfNothing_IsNeitherStartedNorComplete()
    {
        var none = LearnerTicks.None.For("docker", "images", new HashSet<string>());

        Assert.Equal((false, false, 0), (none.IsStarted, none.IsComplete, none.Percent));
    }
}
