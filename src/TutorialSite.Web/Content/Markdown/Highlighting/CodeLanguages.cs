namespace TutorialSite.Web.Content.Markdown.Highlighting;

/// <summary>
/// A language a fence may name: its label (shown to readers, <c>data-lang</c>), the TextMate grammar that highlights
/// it (null: shown plain on purpose, like <c>text</c>), and every name an author may write after the fence.
/// </summary>
public sealed record CodeLanguage(string Label, string? Scope, IReadOnlyList<string> Names);

/// <summary>
/// Every language the site highlights, and the names authors write for it (GitHub's and VS Code's usual ones). The
/// grammars are TextMateSharp.Grammars' (VS Code's) and, for the few it lacks, files from the npm package
/// <c>tm-grammars</c> in <c>Grammars/</c>. docs/authoring.md lists this table; a test keeps the two equal.
/// </summary>
public static class CodeLanguages
{
    /// <summary>The fence of a console session; shell blocks that start with a <c>$ </c> prompt are read as one too.</summary>
    public const string ShellSessionScope = "text.shell-session";

    public const string ShellScope = "source.shell";

    public static IReadOnlyList<CodeLanguage> All { get; } =
    [
        new("Shell", ShellScope, ["sh", "bash", "shell", "zsh", "shellscript"]),
        new("Shell session", ShellSessionScope, ["console", "shell-session", "shellsession", "sh-session", "terminal"]),
        new("PowerShell", "source.powershell", ["powershell", "ps1", "ps", "pwsh"]),
        new("Batch", "source.batchfile", ["bat", "batch", "cmd"]),
        new("JavaScript", "source.js", ["javascript", "js", "mjs", "cjs", "node"]),
        new("TypeScript", "source.ts", ["typescript", "ts", "mts", "cts"]),
        new("JSX", "source.js.jsx", ["jsx"]),
        new("TSX", "source.tsx", ["tsx"]),
        new("JSON", "source.json", ["json", "geojson", "webmanifest"]),
        new("JSON with comments", "source.json.comments", ["jsonc", "json5"]),
        new("YAML", "source.yaml", ["yaml", "yml"]),
        new("TOML", "source.toml", ["toml"]),
        new("INI", "source.ini", ["ini", "cfg", "conf", "properties", "editorconfig", "gitconfig"]),
        new("Dockerfile", "source.dockerfile", ["dockerfile", "docker", "containerfile"]),
        new("Makefile", "source.makefile", ["makefile", "make", "mk"]),
        new("nginx", "source.nginx", ["nginx", "nginxconf"]),
        new("Ignore file", "source.ignore", ["gitignore", "ignore", "dockerignore"]),
        new("Diff", "source.diff", ["diff", "patch"]),
        new("HTTP", "source.http", ["http", "rest"]),
        new("HTML", "text.html.derivative", ["html", "htm", "xhtml"]),
        new("XML", "text.xml", ["xml", "csproj", "fsproj", "props", "targets", "svg", "xaml", "plist", "xsd", "rss"]),
        new("XSL", "text.xml.xsl", ["xsl", "xslt"]),
        new("CSS", "source.css", ["css"]),
        new("SCSS", "source.css.scss", ["scss"]),
        new("Less", "source.css.less", ["less"]),
        new("Markdown", "text.html.markdown", ["markdown", "md"]),
        new("Pug", "text.pug", ["pug", "jade"]),
        // EJS's HTML is highlighted; the JavaScript in its <% %> tags is not (no grammar for it here).
        new("EJS", "text.html.derivative", ["ejs"]),
        new("Handlebars", "text.html.handlebars", ["handlebars", "hbs"]),
        new("Razor", "text.html.cshtml", ["razor", "cshtml"]),
        new("ERB", "text.html.erb", ["erb", "html+erb", "rhtml"]),
        new("Ruby", "source.ruby", ["ruby", "rb", "gemfile", "rake"]),
        new("Python", "source.python", ["python", "py", "python3", "py3", "gyp"]),
        new("SQL", "source.sql", ["sql", "mysql", "postgresql", "postgres", "pgsql", "psql", "sqlite", "tsql", "plsql"]),
        new("C", "source.c", ["c", "h"]),
        new("C++", "source.cpp", ["cpp", "c++", "cc", "cxx", "hpp"]),
        new("C#", "source.cs", ["csharp", "cs", "c#"]),
        new("F#", "source.fsharp", ["fsharp", "fs", "f#"]),
        new("Visual Basic", "source.asp.vb.net", ["vb", "vbnet", "vb.net"]),
        new("Java", "source.java", ["java"]),
        new("Kotlin", "source.kotlin", ["kotlin", "kt", "kts"]),
        new("Groovy", "source.groovy", ["groovy", "gradle"]),
        new("Go", "source.go", ["go", "golang"]),
        new("Rust", "source.rust", ["rust", "rs"]),
        new("Swift", "source.swift", ["swift"]),
        new("Objective-C", "source.objc", ["objective-c", "objc"]),
        new("Dart", "source.dart", ["dart"]),
        new("PHP", "source.php", ["php"]),
        new("Perl", "source.perl", ["perl", "pl"]),
        new("Lua", "source.lua", ["lua"]),
        new("R", "source.r", ["r"]),
        new("Julia", "source.julia", ["julia", "jl"]),
        new("Elixir", "source.elixir", ["elixir", "ex", "exs"]),
        new("Haskell", "source.haskell", ["haskell", "hs"]),
        new("Clojure", "source.clojure", ["clojure", "clj", "cljs", "edn"]),
        new("CoffeeScript", "source.coffee", ["coffeescript", "coffee"]),
        new("Pascal", "source.pascal", ["pascal", "delphi"]),
        new("LaTeX", "text.tex.latex", ["latex", "tex"]),
        new("Assembly", "source.x86asm", ["asm", "x86asm", "nasm"]),
        new("Text", null, ["text", "txt", "plain", "plaintext", "output"]),
    ];

    private static readonly Dictionary<string, CodeLanguage> ByName = All
        .SelectMany(language => language.Names.Select(name => (name, language)))
        .ToDictionary(pair => pair.name, pair => pair.language, StringComparer.OrdinalIgnoreCase);

    /// <summary>A language by one of its names (any case), or null for one the site does not know.</summary>
    public static CodeLanguage? Find(string? name) =>
        name is { Length: > 0 } && ByName.TryGetValue(name, out var language) ? language : null;

    /// <summary>The language a fence's info string names (see <see cref="NameIn"/>), or null.</summary>
    public static CodeLanguage? ForInfo(string? info) => Find(NameIn(info));

    /// <summary>
    /// The language name in a fence's info string (the text after <c>```</c>, or Markdig's <c>Info</c>, its first
    /// word), as written; null when it names none. Every tool writes the language first and its own options after it:
    /// <list type="bullet">
    /// <item>mdBook and rustdoc after a comma: <c>rust,editable</c>, <c>rust,no_run</c>, <c>rust,</c> → <c>rust</c>;</item>
    /// <item>line marks and titles after a brace, bracket, colon or space (Docusaurus, react.dev, Gatsby, javascript.info):
    /// <c>js{2-3}</c>, <c>jsx [[1, 2, "x"]]</c>, <c>js:title=app.js</c>, <c>js src/App.js</c>, <c>js run</c> → <c>js</c>;</item>
    /// <item>Pandoc's attribute form: <c>{.python .numberLines}</c> → <c>python</c>.</item>
    /// </list>
    /// Names keep their own punctuation (<c>c++</c>, <c>c#</c>, <c>objective-c</c>, <c>html+erb</c>, <c>vb.net</c>).
    /// Highlighting and <c>check</c>'s <c>code-language-unknown</c> both read the name here.
    /// </summary>
    public static string? NameIn(string? info)
    {
        var text = info.AsSpan().Trim();
        if (text.StartsWith("{.", StringComparison.Ordinal))
        {
            text = text[2..];
        }
        var end = text.IndexOfAny(InfoSeparators);
        var name = (end < 0 ? text : text[..end]).ToString();
        return name.Length > 0 ? name : null;
    }

    private static readonly System.Buffers.SearchValues<char> InfoSeparators =
        System.Buffers.SearchValues.Create(" \t\r\n,{}[]:;=()\"'`");
}
