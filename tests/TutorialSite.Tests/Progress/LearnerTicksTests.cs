using TutorialSite.Web.Progress;

namespace TutorialSite.Tests.Progress;

public sealed class LearnerTicksTests
{
    private static Tick T(string key, string tutorial = "images", string course = "docker") =>
        new() { LearnerId = "l", CourseSlug = course, TutorialSlug = tutorial, ItemKey = key };

    [Fact]
    public void IsTicked_UnderAFormerKeyOrAFormerTutorialSlug_Counts()
    {
        var ticks = new LearnerTicks([T("old-key"), T("moved", tutorial: "old-slug", course: "old-course")]);

        Assert.True(ticks.IsTicked([("docker", "images")], ["new-key", "old-key"]));
        Assert.True(ticks.IsTicked([("docker", "images"), ("old-course", "old-slug")], ["moved"]));
        Assert.False(ticks.IsTicked([("docker", "images")], ["moved"]));
    }

    [Fact]
    public void Except_LeavesTheTicksNoItemClaims()
    {
        var ticks = new LearnerTicks([T("kept"), T("retired")]);

        Assert.Equal([("docker", "images", "retired")], ticks.Except([("docker", "images", "kept")]));
    }

    [Fact]
    public void Undated_CountsAsTheDatedDoAndRefusesToSayWhen()
    {
        var dated = new LearnerTicks([T("old-key"), T("moved", tutorial: "old-slug", course: "old-course")]);
        var undated = LearnerTicks.Undated([("docker", "images", "old-key"), ("old-course", "old-slug", "moved")]);

        Assert.True(undated.IsTicked([("docker", "images")], ["new-key", "old-key"]));
        Assert.True(undated.IsTicked([("docker", "images"), ("old-course", "old-slug")], ["moved"]));
        Assert.False(undated.IsTicked([("docker", "images")], ["moved"]));
        Assert.Equal(dated.Count, undated.Count);
        // A page that needs dates must read them (ProgressService.TicksAsync): an undated read never passes for "no date".
        Assert.Throws<InvalidOperationException>(() => undated.Latest);
        Assert.Throws<InvalidOperationException>(() => undated.All.ToList());
        Assert.NotNull(dated.Latest);
    }

    [Fact]
    public void Undated_ListsEachIdentityAsStored_AndToleratesARowReadTwice()
    {
        var undated = LearnerTicks.Undated([("docker", "images", "a"), ("old-course", "old-slug", "b"), ("docker", "images", "a")]);

        Assert.Equal([("docker", "images", "a"), ("old-course", "old-slug", "b")], undated.Identities.Distinct());
        Assert.Equal(2, undated.Count);
        Assert.True(undated.IsTicked("docker", "images", "a"));
        Assert.False(undated.IsEmpty);
        Assert.True(LearnerTicks.Undated([]).IsEmpty);
    }

    [Theory]
    [InlineData(0, 0, false, false, 0)]
    [InlineData(1, 3, true, false, 33)]
    [InlineData(3, 3, true, true, 100)]
    public void Completion_ReportsStartedCompleteAndPercent(int done, int total, bool started, bool complete, int percent)
    {
        var c = new Completion(done, total);

        Assert.Equal((started, complete, percent), (c.IsStarted, c.IsComplete, c.Percent));
    }
}
