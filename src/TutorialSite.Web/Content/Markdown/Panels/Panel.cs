using Markdig.Extensions.CustomContainers;
using Markdig.Parsers;

namespace TutorialSite.Web.Content.Markdown.Panels;

/// <summary>
/// A fence whose info string names a panel (<c>```smart</c>, <c>```warn header="…"</c>, <c>```quote author="…"</c>…)
/// rather than a language: Markdown inside, as javascript.info writes its asides. <see cref="PanelParser.Kinds"/> lists them.
/// </summary>
public sealed class Panel(BlockParser parser) : CustomContainer(parser)
{
    /// <summary>The panel's kind, lower case (<c>smart</c>, <c>warn</c>...).</summary>
    public string Kind => Info ?? "";

    /// <summary>An attribute of the info string (<c>header="…"</c>), or null.</summary>
    public string? Attribute(string name) => PanelParser.Attribute(Arguments, name);
}
