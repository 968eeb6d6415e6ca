namespace TutorialSite.Tests.Content;

public sealed class SiteIdentityTests : IDisposable
{
    private readonly TempContent content = new();

    public void Dispose() => content.Dispose();

    [Fact]
    public void Load_WithoutASiteFile_GivesTheDefaults()
    {
        var problems = new List<ContentProblem>();

        Assert.Same(SiteIdentity.Default, SiteIdentity.Load(content.Root, problems));
        Assert.Empty(problems);
        Assert.Null(SiteIdentity.Default.ThemeCss());
    }

    [Fact]
    public void Load_ReadsEveryKey()
    {
        content.WriteBytes("brand/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray());
        content.Write("site.yml", """
            name: Contoso Academy
            tagline: Cloud skills for the whole team
            logo: brand/logo.svg
            accent: "#5b21b6"
            contact: learning@contoso.example
            footer_links:
              - text: Privacy
                url: https://contoso.example/privacy
              - text: All courses
                url: /courses
            intro: |
              Learn **Azure** with us.
            """);
        var problems = new List<ContentProblem>();

        var site = SiteIdentity.Load(content.Root, problems);

        Assert.Empty(problems);
        Assert.Equal(("Contoso Academy", "Cloud skills for the whole team", "/brand/logo.svg", "#5b21b6", "learning@contoso.example"),
            (site.Name, site.Tagline, site.Logo, site.Accent, site.Contact));
        Assert.Equal([("Privacy", "https://contoso.example/privacy"), ("All courses", "/courses")], site.FooterLinks);
        Assert.Equal("<p>Learn <strong>Azure</strong> with us.</p>\n", site.IntroHtml);
    }

    [Fact]
    public void Load_BadValues_AreReportedAtTheirLines_AndKeepTheDefaults()
    {
        var file = content.Write("site.yml", """
            name: ""
            accent: "#7dd3fc"
            logo: ../secrets.svg
            contcat: someone@example.com
            footer_links:
              - text: No address
            """);
        var problems = new List<ContentProblem>();

        var site = SiteIdentity.Load(content.Root, problems);

        Assert.Equal(SiteIdentity.Default.Name, site.Name);
        Assert.Null(site.Accent);
        Assert.Equal(
        [
            (1, "front-matter-value"), (2, "front-matter-value"), (3, "missing-image"), (4, "unknown-key"), (6, "front-matter-value"),
        ], problems.Select(p => (p.Line, p.Rule)));
        Assert.All(problems, p => Assert.Equal(file, p.Path));
        Assert.Contains("too light", problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("did you mean `contact`?", problems[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThemeCss_GivesDarkModeAShadeThatReadsOnTheDarkBackground()
    {
        var site = SiteIdentity.Default with { Accent = "#5b21b6" };

        var css = site.ThemeCss()!;

        Assert.Contains("--site-accent: #5b21b6;", css, StringComparison.Ordinal);
        Assert.Contains($"--site-accent: {site.AccentDark};", css, StringComparison.Ordinal);
        Assert.True(SiteIdentity.Contrast(site.AccentDark!, "#0f1316") >= 4.5);
        Assert.True(SiteIdentity.Contrast("#5b21b6", "#ffffff") >= 4.5);
    }

    [Fact]
    public void ContentCheck_ReportsSiteFileProblems_AtFileAndLine()
    {
        content.Write("site.yml", "name: Academy\naccent: blue\n");
        using var output = new StringWriter();

        var exit = ContentCheck.Run(content.Root, accept: false, output);

        Assert.NotEqual(0, exit);
        Assert.Contains($"{Path.GetFileName(content.Root)}/site.yml:2:9: error: `accent` is a colour written `#rrggbb`", output.ToString(), StringComparison.Ordinal);
    }
}
