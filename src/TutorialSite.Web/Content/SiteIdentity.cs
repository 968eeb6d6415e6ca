using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TutorialSite.Web.Content;

/// <summary>
/// Who runs the site: its name, tagline, logo, accent colour, contact address, footer links and the home page's
/// introduction, read from <c>site.yml</c> in the content folder (the operator's, not ours) and checked like every
/// other content file. Without the file, or for what it leaves out, the defaults below.
/// </summary>
public sealed partial record SiteIdentity(
    string Name,
    string Tagline,
    string? Logo,
    string? Accent,
    string? Contact,
    IReadOnlyList<(string Text, string Url)> FooterLinks,
    string? IntroHtml)
{
    public const string FileName = "site.yml";

    public static readonly SiteIdentity Default = new("TutorialSite", "Learn by doing, one short tutorial at a time", null, null, null, [], null);

    /// <summary>The accent site.css has built in: choosing it asks for no extra stylesheet.</summary>
    public const string DefaultAccent = "#0f766e";

    public static class Keys
    {
        // The site's name and look, in its header
        public const string Name = "name";
        public const string Tagline = "tagline";
        public const string Logo = "logo";
        public const string Accent = "accent";

        // The home page's introduction and the footer
        public const string Intro = "intro";
        public const string Contact = "contact";
        public const string FooterLinks = "footer_links";

        public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Name, Tagline, Logo, Accent, Contact, FooterLinks, Intro };
    }

    /// <summary>The accent for dark mode: the operator's colour lightened until it reads on the dark background.</summary>
    public string? AccentDark => Accent is null ? null : Lighten(Accent, DarkBackground, 4.5);

    private const string DarkBackground = "#0f1316";

    /// <summary>Reads <c>site.yml</c> from <paramref name="root"/>; a problem is reported at its line, and its value left at the default.</summary>
    public static SiteIdentity Load(string root, ICollection<ContentProblem> problems)
    {
        var path = Path.Combine(root, FileName);
        if (!File.Exists(path))
        {
            return Default;
        }
        YamlMappingNode map;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                return Default;
            }
            if (stream.Documents[0].RootNode is not YamlMappingNode root2)
            {
                problems.Add(Problem(path, stream.Documents[0].RootNode, Severity.Error, "the site file must be `key: value` lines", Rules.FrontMatterYaml));
                return Default;
            }
            map = root2;
        }
        catch (YamlException e)
        {
            problems.Add(new(path, (int)e.Start.Line, (int)e.Start.Column, Severity.Error, $"the site file is not valid YAML: {e.Message}", Rules.FrontMatterYaml));
            return Default;
        }
        catch (IOException e)
        {
            problems.Add(new(path, 0, 0, Severity.Error, $"the site file could not be read: {e.Message}", Rules.FrontMatterYaml));
            return Default;
        }

        var site = Default;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (!Keys.All.Contains(key))
            {
                problems.Add(Problem(path, keyNode, Severity.Warning, Spelling.UnknownKey("site", key, Keys.All), Rules.UnknownKey));
            }
            else if (key == Keys.FooterLinks)
            {
                site = site with { FooterLinks = FooterLinksOf(path, value, problems) };
            }
            else
            {
                (site, var refused) = With(site, root, key, (value as YamlScalarNode)?.Value?.Trim());
                if (refused is not null)
                {
                    problems.Add(Problem(path, value, Severity.Error, refused.Message, refused.Rule));
                }
            }
        }
        return site;
    }

    /// <summary>Why a value of <c>site.yml</c> was not taken (the site keeps its default), and the rule it breaks.</summary>
    private sealed record Refusal(string Message, string Rule = Rules.FrontMatterValue);

    /// <summary>
    /// The site with <paramref name="key"/> set to <paramref name="text"/> (the value trimmed; null when it is not text),
    /// or the site as it was and why not. Each key in two lines: when its value is right, and what to tell otherwise.
    /// </summary>
    private static (SiteIdentity Site, Refusal? Refused) With(SiteIdentity site, string root, string key, string? text) => key switch
    {
        Keys.Name when text is { Length: > 0 and <= 60 } => (site with { Name = text }, null),
        Keys.Name => (site, new("`name` is the site's name, 1 to 60 characters, like `name: Contoso Academy`")),
        Keys.Tagline when text is { Length: > 0 and <= 120 } => (site with { Tagline = text }, null),
        Keys.Tagline => (site, new("`tagline` is a short phrase, 1 to 120 characters")),
        Keys.Logo when text is { Length: > 0 } && LogoFile().IsMatch(text) && File.Exists(Path.Combine(root, text)) => (site with { Logo = "/" + text }, null),
        Keys.Logo => (site, new($"`logo` names an image in the content folder (.svg, .png or .webp), like `logo: logo.svg`; `{text}` is not there", Rules.MissingImage)),
        Keys.Accent when IsHexColour(text) && Contrast(text, "#ffffff") >= 4.5 => (site with { Accent = text.ToLowerInvariant() }, null),
        Keys.Accent when IsHexColour(text) =>
            (site, new($"`accent` {text} is too light for text and buttons on white ({Contrast(text, "#ffffff"):0.0}:1; at least 4.5:1 is needed): choose a darker shade")),
        Keys.Accent => (site, new("`accent` is a colour written `#rrggbb`, like `accent: \"#0f766e\"` (quoted: YAML reads # as a comment)")),
        Keys.Contact when text is { Length: > 0 } && (Email().IsMatch(text) || IsWebAddress(text)) => (site with { Contact = text }, null),
        Keys.Contact => (site, new("`contact` is an email address or an https:// address")),
        Keys.Intro when text is { Length: > 0 } => (site with { IntroHtml = Markdig.Markdown.ToHtml(text, Markdown.TutorialMarkdown.Pipeline) }, null),
        Keys.Intro => (site, new("`intro` is Markdown text; write it as a block: `intro: |` and the text indented below")),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a text key of site.yml"),
    };

    private static List<(string, string)> FooterLinksOf(string path, YamlNode value, ICollection<ContentProblem> problems)
    {
        var links = new List<(string, string)>();
        if (value is not YamlSequenceNode list)
        {
            problems.Add(Problem(path, value, Severity.Error, "`footer_links` is a list of `- text: …` / `url: …` pairs", Rules.FrontMatterValue));
            return links;
        }
        foreach (var item in list)
        {
            var text = item is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("text"), out var t) ? (t as YamlScalarNode)?.Value?.Trim() : null;
            var url = item is YamlMappingNode n && n.Children.TryGetValue(new YamlScalarNode("url"), out var u) ? (u as YamlScalarNode)?.Value?.Trim() : null;
            if (text is { Length: > 0 } && url is not null && (IsWebAddress(url) || (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)) || Email().IsMatch(url.Replace("mailto:", "", StringComparison.Ordinal))))
                links.Add((text, url));
            else
                problems.Add(Problem(path, item, Severity.Error, "each footer link needs `text` and a `url` that is https://…, http://…, mailto:… or a path on this site like /courses", Rules.FrontMatterValue));
        }
        return links;
    }

    /// <summary>A colour written <c>#rrggbb</c>.</summary>
    private static bool IsHexColour([NotNullWhen(true)] string? text) =>
        text is ['#', .. var digits] && digits.Length == 6 && digits.All(char.IsAsciiHexDigit);

    private static bool IsWebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";

    private static ContentProblem Problem(string path, YamlNode node, Severity severity, string message, string rule) =>
        new(path, (int)node.Start.Line, (int)node.Start.Column, severity, message, rule);

    /// <summary>WCAG contrast ratio of two <c>#rrggbb</c> colours.</summary>
    public static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        static double Channel(int value)
        {
            var c = value / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        var (r, g, b) = Rgb(hex);
        return 0.2126 * Channel(r) + 0.7152 * Channel(g) + 0.0722 * Channel(b);
    }

    private static (int R, int G, int B) Rgb(string hex) =>
        (int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    /// <summary>
    /// The stylesheet that puts the operator's accent into Bootstrap's and the site's colour variables, both modes;
    /// null when the site keeps the default accent (then nothing extra is requested).
    /// </summary>
    public string? ThemeCss()
    {
        if (Accent is not { } light || light == DefaultAccent || AccentDark is not { } dark)
        {
            return null;
        }
        static string Rgb(string hex) => string.Join(", ", SiteIdentity.RgbOf(hex));
        static string Block(string selector, string accent, string onAccent, string subtle, string emphasis) => $$"""
            {{selector}} {
              --site-accent: {{accent}};
              --site-accent-rgb: {{Rgb(accent)}};
              --site-accent-hover: {{emphasis}};
              --site-on-accent: {{onAccent}};
              --site-accent-subtle: {{subtle}};
              --bs-primary: {{accent}};
              --bs-primary-rgb: {{Rgb(accent)}};
              --bs-primary-text-emphasis: {{emphasis}};
              --bs-primary-bg-subtle: {{subtle}};
              --bs-link-color: {{accent}};
              --bs-link-color-rgb: {{Rgb(accent)}};
              --bs-link-hover-color: {{emphasis}};
              --bs-link-hover-color-rgb: {{Rgb(emphasis)}};
            }

            """;
        return "/* From site.yml's accent: generated, not edited. */\n"
            + Block(":root,\n[data-bs-theme=\"light\"]", light, "#ffffff", Mix(light, "#ffffff", 0.9), Mix(light, "#000000", 0.3))
            + Block("[data-bs-theme=\"dark\"]", dark, DarkBackground, Mix(light, DarkBackground, 0.8), Mix(dark, "#ffffff", 0.4))
            + $".form-check-input:checked {{\n  background-color: {light};\n  border-color: {light};\n}}\n";
    }

    private static IEnumerable<int> RgbOf(string hex)
    {
        var (r, g, b) = Rgb(hex);
        return [r, g, b];
    }

    /// <summary><paramref name="hex"/> moved a share <paramref name="t"/> of the way to <paramref name="other"/>.</summary>
    private static string Mix(string hex, string other, double t)
    {
        var (r, g, b) = Rgb(hex);
        var (r2, g2, b2) = Rgb(other);
        return string.Create(CultureInfo.InvariantCulture, $"#{(int)(r + (r2 - r) * t):x2}{(int)(g + (g2 - g) * t):x2}{(int)(b + (b2 - b) * t):x2}");
    }

    /// <summary>Mixes <paramref name="hex"/> with white in small steps until it reaches <paramref name="ratio"/> against <paramref name="background"/>.</summary>
    private static string Lighten(string hex, string background, double ratio)
    {
        for (var step = 0; step <= 20; step++)
        {
            var mixed = Mix(hex, "#ffffff", step / 20.0);
            if (Contrast(mixed, background) >= ratio)
            {
                return mixed;
            }
        }
        return "#ffffff";
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^[A-Za-z0-9_\-][A-Za-z0-9_\-/]*\.(svg|png|webp)$")]
    private static partial Regex LogoFile();
}
