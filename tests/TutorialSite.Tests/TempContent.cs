namespace TutorialSite.Tests;

/// <summary>A throw-away content folder: tests write exactly the Markdown files they need.</summary>
public sealed class TempContent : IDisposable
{
    public TempContent() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "tutorialsite-tests", Guid.NewGuid().ToString("N"));

    public string Write(string relativePath, string text) => WriteBytes(relativePath, System.Text.Encoding.UTF8.GetBytes(text));

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finished test host; the OS temp cleaner will get it.
        }
    }

    public static string Course(string title, string body = "An introduction.", int? order = null) =>
        $"---\ntitle: {title}\ndescription: About {title}.\n{(order is null ? "" : $"order: {order}\n")}---\n\n{body}\n";

    /// <summary>A tutorial with all four sections and explicit keys, as editors are asked to write them.</summary>
    public static string Tutorial(string title, string extraFrontMatter = "", string takeaways = "- I can explain images. {#explain-images}\n- I can run a container. {#run-container}\n") =>
        $$"""
        ---
        title: {{title}}
        description: Learn {{title}}.
        updated: 2026-11-20
        tags: [docker]
        {{extraFrontMatter}}
        ---

        An introduction to {{title}}.

        ## First part

        Some text with `code`.

        ```bash
        docker run hello-world
        ```

        ### A detail

        More text.

        ## Key Takeaways

        {{takeaways}}
        ## Common Mistakes to Avoid

        - **Doing it wrong.** Do it right instead.

        ## Practice Tasks

        - Run `docker ps`. {#run-ps}

        ## FAQ

        ### Why?

        Because.

        ### How?

        Like this.
        """;

    /// <summary>A course (<c>c</c>) of one tutorial (<c>c/01-a.md</c>, the page <c>/c/a</c>) written as <paramref name="markdown"/>: for tests of what one file becomes.</summary>
    public static TempContent OneTutorial(string markdown)
    {
        var content = new TempContent();
        content.Write("c/_index.md", Course("C"));
        content.Write("c/01-a.md", markdown);
        return content;
    }

    /// <summary>A small valid site: one course, three tutorials (the second a draft).</summary>
    public static TempContent Sample()
    {
        var content = new TempContent();
        content.Write("docker/_index.md", Course("Docker", order: 1));
        content.Write("docker/01-images.md", Tutorial("Images"));
        content.Write("docker/02-draft-work.md", Tutorial("Draft Work", "draft: true"));
        content.Write("docker/03-volumes.md", Tutorial("Volumes"));
        content.Write("git/_index.md", Course("Git", order: 2));
        content.Write("git/01-commits.md", Tutorial("Commits"));
        return content;
    }
}
