using System.Globalization;
using System.Text.RegularExpressions;
using TutorialSite.Web.Content.Markdown;
using TutorialSite.Web.Content.Markdown.Highlighting;

namespace TutorialSite.Tests.Content.Highlighting;

/// <summary>Fenced code highlighted by TextMate grammars: every listed language, the markup, the check, the cache.</summary>
[Collection(nameof(HighlightQueue))]
public sealed partial class CodeHighlightingTests
{
    /// <summary>A line each language colours something in (a keyword, a string, a comment, a tag...).</summary>
    private static readonly Dictionary<string, string> Samples = new()
    {
        ["Shell"] = "echo \"hi\" # greet", ["Shell session"] = "$ ls\nfile.txt", ["PowerShell"] = "Write-Host \"hi\" # greet",
        ["Batch"] = "@echo off\nREM comment", ["JavaScript"] = "const a = \"b\"; // c", ["TypeScript"] = "let a: string = \"b\";",
        ["JSX"] = "const a = <div className=\"b\" />;", ["TSX"] = "const a = <div className=\"b\" />;", ["JSON"] = "{ \"a\": 1 }",
        ["JSON with comments"] = "{ \"a\": 1 } // c", ["YAML"] = "a: \"b\" # c", ["TOML"] = "[a]\nb = \"c\"", ["INI"] = "[a]\nb = c ; d",
        ["Dockerfile"] = "FROM alpine\nRUN echo hi", ["Makefile"] = "all:\n\techo \"hi\" # c", ["nginx"] = "server { listen 80; }",
        ["Ignore file"] = "# comment\nbin/", ["Diff"] = "-a\n+b", ["HTTP"] = "GET /a HTTP/1.1\nAccept: text/html", ["EJS"] = "<p><%= a %></p>", ["HTML"] = "<p class=\"a\">b</p>", ["XML"] = "<a b=\"c\"/>",
        ["XSL"] = "<xsl:template match=\"/\"/>", ["CSS"] = "a { color: red; }", ["SCSS"] = "$a: 1px; .b { c: $a; }",
        ["Less"] = "@a: 1px; .b { c: @a; }", ["Markdown"] = "# Title\n`code`", ["Pug"] = "p.a Hello // c",
        ["Handlebars"] = "<p>{{name}}</p>", ["Razor"] = "<p>@Model.Name</p>", ["ERB"] = "<p><%= name %></p>",
        ["Ruby"] = "def a; \"b\"; end", ["Python"] = "def a(): return \"b\"", ["SQL"] = "SELECT a FROM b;",
        ["C"] = "int main() { return 0; }", ["C++"] = "int main() { return 0; }", ["C#"] = "var a = \"b\";",
        ["F#"] = "let a = \"b\"", ["Visual Basic"] = "Dim a As String = \"b\"", ["Java"] = "public class A {}",
        ["Kotlin"] = "fun a() = \"b\"", ["Groovy"] = "def a = \"b\"", ["Go"] = "func a() string { return \"b\" }",
        ["Rust"] = "fn a() -> i32 { 1 }", ["Swift"] = "func a() -> String { return \"b\" }", ["Objective-C"] = "int a = 1; // c", ["Dart"] = "var a = 'b';",
        ["PHP"] = "<?php echo \"a\"; ?>", ["Perl"] = "my $a = \"b\";", ["Lua"] = "local a = \"b\" -- c", ["R"] = "a <- \"b\" # c",
        ["Julia"] = "function a() \"b\" end", ["Elixir"] = "defmodule A do end", ["Haskell"] = "main = putStrLn \"a\" -- c",
        ["Clojure"] = "(defn a [] \"b\")", ["CoffeeScript"] = "a = \"b\" # c", ["Pascal"] = "begin writeln('a'); end.",
        ["LaTeX"] = "\\section{A} % c", ["Assembly"] = "mov eax, 1 ; c",
    };

    public static TheoryData<string> LanguagesWithGrammars() => [.. CodeLanguages.All.Where(l => l.Scope is not null).Select(l => l.Label)];

    [Theory]
    [MemberData(nameof(LanguagesWithGrammars))]
    public void Highlight_EveryListedLanguage_LoadsItsGrammarAndMarksTokens(string label)
    {
        var language = CodeLanguages.All.Single(l => l.Label == label);

        var html = CodeHighlighter.Highlight(language.Scope!, Samples[label] + "\n");

        Assert.Contains("<span class=\"tok-", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Languages_AtLeastFortyWithGrammars_AndEveryNameOnce()
    {
        Assert.True(CodeLanguages.All.Count(l => l.Scope is not null) >= 40);
        var names = CodeLanguages.All.SelectMany(l => l.Names).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var name in new[] { "sh", "bash", "shell", "console", "shell-session", "ps1", "powershell", "yml", "yaml", "js", "javascript", "ts", "jsx", "tsx", "rb", "ruby", "erb", "py", "scss", "sql", "diff", "toml", "ini", "json", "dockerfile", "go", "rust", "java", "kotlin", "c", "cpp", "csharp", "fsharp", "php", "swift", "html", "css", "xml", "markdown", "makefile", "lua", "r", "dart", "elixir", "haskell", "nginx", "JS", "Bash" })
        {
            Assert.NotNull(CodeLanguages.Find(name));
        }
    }

    [Fact]
    public void AuthoringGuide_ListsEveryLanguageAndName()
    {
        var guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "authoring.md"));
        var table = LanguageTable().Match(guide);
        Assert.True(table.Success, "docs/authoring.md has the generated languages table");

        var expected = string.Join('\n', CodeLanguages.All.Select(l => $"| {l.Label} | {string.Join(", ", l.Names.Select(n => $"`{n}`"))} |"));

        Assert.Equal(expected, table.Groups["rows"].Value.Trim());
    }

    [Fact]
    public void Render_ShellBlockStartingWithPrompt_MarksPromptsAndOutputApartFromCommands()
    {
        var html = Markdig.Markdown.ToHtml("```bash\n$ echo hi\nhi\n$ ls\n```\n", TutorialMarkdown.Pipeline);

        Assert.Contains("<span class=\"tok-prompt\">$</span> <span class=\"tok-function\">echo</span> hi", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-output\">hi</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CodeThatLooksLikeMarkup_IsEscapedInsideTokens()
    {
        var html = Markdig.Markdown.ToHtml("```js\nconst s = \"</code></pre><script>alert(1)</script>\"; // <img onerror=x>\n```\n", TutorialMarkdown.Pipeline);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OverlongLine_IsShownPlainAndWhole()
    {
        var line = "var a = " + string.Concat(Enumerable.Repeat("\"x\" + ", CodeHighlighter.LongestLine / 6 + 1)) + "1;";

        var html = Markdig.Markdown.ToHtml($"```js\nlet b = 1;\n{line}\n```\n", TutorialMarkdown.Pipeline);

        Assert.Contains(line.Replace("\"", "&quot;", StringComparison.Ordinal) + "\n", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-keyword\">let</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownLanguage_RendersPlainAndWarnsAtTheFenceLine()
    {
        var snapshot = LoadCodeBlock("javascrpt", "let a = 1;");

        var problem = Assert.Single(snapshot.Problems, p => p.Rule == Rules.CodeLanguageUnknown);
        Assert.Equal(7, problem.Line);
        Assert.Equal(Severity.Warning, problem.Severity);
        Assert.Contains("did you mean `javascript`?", problem.Message, StringComparison.Ordinal);
        var html = snapshot.Tutorials.Single().BodyHtml.ToString();
        Assert.Contains("<pre><code class=\"language-javascrpt\" data-lang=\"javascrpt\">let a = 1;\n</code></pre>", html, StringComparison.Ordinal);
    }

    /// <summary>Info strings as each tool writes them (<see cref="CodeLanguages.NameIn"/> lists where they come from), and the name in each.</summary>
    public static TheoryData<string, string> InfoStringsOfEveryTool => new()
    {
        // The name alone, white space around it.
        { "js", "js" },
        { "  bash  ", "bash" },
        // mdBook and rustdoc: options after a comma.
        { "rust,editable", "rust" },
        { "rust,editable,ignore,mdbook-runnable", "rust" },
        { "rust,", "rust" },
        // Line marks and titles after a brace, bracket, colon or space (Docusaurus, react.dev, Gatsby, javascript.info).
        { "js{2-3}", "js" },
        { "js{1,4-6}", "js" },
        { "jsx [[1, 2, \"x\"]]", "jsx" },
        { "jsx[[1, 2]]", "jsx" },
        { "js src/App.js", "js" },
        { "js run no-beautify", "js" },
        { "html run height=100", "html" },
        { "js:title=app.js", "js" },
        { "csharp title=\"Program.cs\"", "csharp" },
        // Pandoc's attribute form.
        { "{.python .numberLines}", "python" },
    };

    [Theory]
    [MemberData(nameof(InfoStringsOfEveryTool))]
    public void NameIn_InfoStringsOfEveryTool_GiveTheLanguageWrittenFirst(string info, string name) =>
        Assert.Equal(name, CodeLanguages.NameIn(info));

    [Theory]
    [InlineData("c++")]
    [InlineData("c#")]
    [InlineData("objective-c")]
    [InlineData("html+erb")]
    [InlineData("vb.net")]
    public void NameIn_NameWithPunctuationOfItsOwn_IsKeptWhole(string name) =>
        Assert.Equal(name, CodeLanguages.NameIn(name));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("{2-3}")]
    [InlineData(",editable")]
    public void NameIn_InfoStringWithoutAName_GivesNull(string? info) =>
        Assert.Null(CodeLanguages.NameIn(info));

    /// <summary>Info strings with a tool's options, the name in each and its language's label.</summary>
    public static TheoryData<string, string, string> InfoStringsWithToolOptions => new()
    {
        { "rust,editable", "rust", "Rust" }, // options after a comma
        { "rust,no_run", "rust", "Rust" },
        { "js{2-3}", "js", "JavaScript" }, // after a brace
        { "js src/App.js", "js", "JavaScript" }, // after a space
        { "jsx [[1, 2, \"x\"]]", "jsx", "JSX" }, // a space, then a bracket
    };

    [Theory]
    [MemberData(nameof(InfoStringsWithToolOptions))]
    public void Load_InfoStringWithToolOptions_IsHighlightedAsItsLanguageWithoutWarning(string info, string name, string label)
    {
        var snapshot = LoadCodeBlock(info, "let a = \"b\";");

        Assert.DoesNotContain(snapshot.Problems, p => p.Rule == Rules.CodeLanguageUnknown);
        var html = snapshot.Tutorials.Single().BodyHtml.ToString();
        Assert.Contains($"<pre><code class=\"language-{name} highlighted\" data-lang=\"{label}\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownLanguageWithToolOptions_WarnsAboutTheNameAndClassesTheBlockByIt()
    {
        var snapshot = LoadCodeBlock("rustt,editable", "fn main() {}");

        var problem = Assert.Single(snapshot.Problems, p => p.Rule == Rules.CodeLanguageUnknown);
        Assert.Equal(7, problem.Line);
        Assert.Contains("unknown code language `rustt`", problem.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean `rust`?", problem.Message, StringComparison.Ordinal);
        var html = snapshot.Tutorials.Single().BodyHtml.ToString();
        Assert.Contains("<pre><code class=\"language-rustt\" data-lang=\"rustt\">fn main() {}\n</code></pre>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InfoStringWithOptionsButNoLanguage_RendersPlainWithoutLanguageOrWarning()
    {
        var snapshot = LoadCodeBlock(" [[1, 6, \"x\"]]", "let x;");

        Assert.DoesNotContain(snapshot.Problems, p => p.Rule == Rules.CodeLanguageUnknown);
        Assert.Contains("<pre><code>let x;\n</code></pre>", snapshot.Tutorials.Single().BodyHtml.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A tutorial whose code is one fenced block (its fence on line 7), loaded as the site loads it.</summary>
    private static ContentSnapshot LoadCodeBlock(string info, string code)
    {
        using var content = TempContent.OneTutorial($"---\ntitle: A\n---\n\nText.\n\n```{info}\n{code}\n```\n");
        return ContentLoader.Load(content.Root, includeDrafts: false);
    }

    [Fact]
    public void Highlight_AfterTheGrammarsAreReleased_CompilesThemAgain()
    {
        var before = CodeHighlighter.Highlight("source.python", $"x = \"{Guid.NewGuid():N}\"\n");

        CodeHighlighter.ReleaseGrammars();
        var after = CodeHighlighter.Highlight("source.python", $"y = \"{Guid.NewGuid():N}\"\n");

        Assert.Contains("<span class=\"tok-string\">", before, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-string\">", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Highlight_Deferred_QueuesTheBlockAndHighlightsItLater()
    {
        var code = "const deferred = \"" + Guid.NewGuid().ToString("N") + "\";\n";

        string? first;
        using (CodeHighlighter.Defer(after: TimeSpan.Zero))
        {
            first = CodeHighlighter.Highlight("source.js", code);
        }
        Assert.Null(first);
        Assert.True(CodeHighlighter.HasPending);

        // A call takes one language, and other tests may queue blocks of other languages meanwhile.
        for (var calls = 0; !CodeHighlighter.Cache.Contains(HighlightCache.KeyOf("source.js", code)); calls++)
        {
            Assert.True(calls < 10_000);
            CodeHighlighter.HighlightPending();
        }

        using (CodeHighlighter.Defer())
        {
            Assert.Contains("<span class=\"tok-keyword\">const</span>", CodeHighlighter.Highlight("source.js", code), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void HighlightPending_TakesOneLanguageACall()
    {
        var js = $"let oneLanguage = \"{Guid.NewGuid():N}\";\n";
        var python = $"one_language = \"{Guid.NewGuid():N}\"\n";
        using (CodeHighlighter.Defer(after: TimeSpan.Zero))
        {
            Assert.Null(CodeHighlighter.Highlight("source.js", js));
            Assert.Null(CodeHighlighter.Highlight("source.python", python));
        }

        bool Done(string scope, string code) => CodeHighlighter.Cache.Contains(HighlightCache.KeyOf(scope, code));
        for (var calls = 0; !Done("source.js", js) || !Done("source.python", python); calls++)
        {
            Assert.True(calls < 10_000);
            var before = (Done("source.js", js), Done("source.python", python));
            CodeHighlighter.HighlightPending();
            // Never both in one call: a call compiles one language's grammars, not every queued language's.
            Assert.False(before == (false, false) && Done("source.js", js) && Done("source.python", python));
        }
    }

    [Fact]
    public void HighlightPending_WithALimit_HighlightsThatManyAndLeavesTheRestQueued()
    {
        var codes = Enumerable.Range(0, 3).Select(i => $"let limited{i} = \"{Guid.NewGuid():N}\";\n").ToList();
        using (CodeHighlighter.Defer(after: TimeSpan.Zero))
        {
            Assert.All(codes, code => Assert.Null(CodeHighlighter.Highlight("source.js", code)));
        }

        // Other tests may queue blocks of their own meanwhile: count only these three.
        var done = 0;
        while (codes.Any(code => !CodeHighlighter.Cache.Contains(HighlightCache.KeyOf("source.js", code))))
        {
            Assert.InRange(CodeHighlighter.HighlightPending(limit: 1), 0, 1);
            Assert.True(++done < 10_000);
        }

        Assert.All(codes, code => Assert.True(CodeHighlighter.Cache.Contains(HighlightCache.KeyOf("source.js", code))));
    }

    [Fact]
    public void Cache_WrittenAndReadBack_KeepsEveryBlock_AndRefusesAnotherVersionOrADamagedFile()
    {
        var folder = Directory.CreateTempSubdirectory("highlight-cache");
        try
        {
            var file = Path.Combine(folder.FullName, HighlightCache.FileName);
            var cache = new HighlightCache("v1");
            var key = HighlightCache.KeyOf("source.js", "let a;\n");
            cache.Add(key, "<span class=\"tok-keyword\">let</span> a;\n");
            cache.Write(file);

            var again = new HighlightCache("v1");
            Assert.True(again.Read(file));
            Assert.True(again.TryGet(key, out var html));
            Assert.Equal("<span class=\"tok-keyword\">let</span> a;\n", html);

            var other = new HighlightCache("v2");
            Assert.False(other.Read(file));
            Assert.Equal(0, other.Count);

            var bytes = File.ReadAllBytes(file);
            File.WriteAllBytes(file, bytes[..^5]);
            var damaged = new HighlightCache("v1");
            Assert.ThrowsAny<Exception>(() => damaged.Read(file));
            Assert.Equal(0, damaged.Count);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>WCAG AA: every token colour at least 4.5:1 against the code background, in both themes.</summary>
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public void TokenColours_MeetWcagAaContrastOnTheCodeBackground(string theme)
    {
        var site = File.ReadAllText(Path.Combine(RepoPaths.Root, "wwwroot", "css", "site.css"));
        var bootstrap = File.ReadAllText(Path.Combine(RepoPaths.Root, "wwwroot", "lib", "bootstrap", "dist", "css", "bootstrap.min.css"));
        // Code blocks sit on Bootstrap's tertiary background (site.css: `.tutorial-body pre`).
        Assert.Contains("background: var(--bs-tertiary-bg);", site, StringComparison.Ordinal);
        var background = Variable(Block(bootstrap, theme == "light" ? ":root,[data-bs-theme=light]{" : "[data-bs-theme=dark]{"), "--bs-tertiary-bg");
        // light-dark() takes the theme's colour only where the theme names its color-scheme.
        Assert.Contains($"color-scheme: {theme};", Block(site, theme == "light" ? ":root,\n[data-bs-theme=\"light\"] {" : "[data-bs-theme=\"dark\"] {"), StringComparison.Ordinal);
        var colours = TokenColours(site);

        foreach (var kind in TokenClasses.All)
        {
            Assert.True(colours.TryGetValue(kind, out var pair), $"site.css gives tok-{kind} no `color: light-dark(#light, #dark)`");
            var colour = theme == "light" ? pair.Light : pair.Dark;
            var ratio = Contrast(colour, background);
            Assert.True(ratio >= 4.5, $"{theme}: tok-{kind} {colour} on {background} is {ratio:0.00}:1, under 4.5:1");
        }
    }

    /// <summary>Each token class's light and dark colour, from the rules that colour it with <c>light-dark()</c>.</summary>
    private static Dictionary<string, (string Light, string Dark)> TokenColours(string css)
    {
        var colours = new Dictionary<string, (string Light, string Dark)>(StringComparer.Ordinal);
        foreach (Match rule in TokenColourRule().Matches(css))
        {
            foreach (Match kind in TokenClass().Matches(rule.Groups["selectors"].Value))
            {
                Assert.True(colours.TryAdd(kind.Groups[1].Value, (rule.Groups["light"].Value, rule.Groups["dark"].Value)), $"tok-{kind.Groups[1].Value} is coloured twice");
            }
        }
        return colours;
    }

    /// <summary>Every block the selector opens, joined: a stylesheet may set a theme's variables in several places.</summary>
    private static string Block(string css, string opening)
    {
        var blocks = new List<string>();
        for (var start = css.IndexOf(opening, StringComparison.Ordinal); start >= 0; start = css.IndexOf(opening, start + 1, StringComparison.Ordinal))
        {
            blocks.Add(css[start..css.IndexOf('}', start)]);
        }
        Assert.True(blocks.Count > 0, $"no `{opening}` block");
        return string.Join('\n', blocks);
    }

    private static string Variable(string block, string name) =>
        Regex.Match(block, Regex.Escape(name) + @":\s*(#[0-9a-fA-F]{6})\b") is { Success: true } match
            ? match.Groups[1].Value
            : throw new Xunit.Sdk.XunitException($"{name} is not a #rrggbb colour in {block}");

    private static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int at)
        {
            var c = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
    }

    [GeneratedRegex(@"(?<selectors>(?:\.tok-[a-z]+,\s*)*\.tok-[a-z]+)\s*\{\s*color:\s*light-dark\((?<light>#[0-9a-fA-F]{6}),\s*(?<dark>#[0-9a-fA-F]{6})\);\s*\}")]
    private static partial Regex TokenColourRule();

    [GeneratedRegex(@"\.tok-([a-z]+)\b")]
    private static partial Regex TokenClass();

    [GeneratedRegex(@"<!-- languages:[^>]*-->\n\| Language \| Names after the fence \|\n\|---\|---\|\n(?<rows>.*?)\n<!-- /languages -->", RegexOptions.Singleline)]
    private static partial Regex LanguageTable();
}
