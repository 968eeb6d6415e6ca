using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using TutorialSite.Web.Content;
using TutorialSite.Web.Pages;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Serving;

/// <summary>
/// The learner's parts of a tutorial page as holes: a marker where each goes (a checkbox's <c>checked</c>, a "New"
/// badge, the number done, the outline's marks, the completion panel's <c>hidden</c>, the antiforgery token), which
/// <see cref="LearnerPageTemplate"/> finds in the rendered HTML and fills per request. Set as the request's
/// <see cref="ILearnerPartsFeature"/> while a template renders; remembers which tutorial the page rendered.
/// </summary>
internal sealed class TemplateHoles : ILearnerPartsFeature
{
    /// <summary>
    /// The kinds of hole: the antiforgery token, a checkbox's <c>checked</c> and a "New" badge (the item's key follows),
    /// the number done, a tutorial's mark in the course outline (its index in the course follows), the completion
    /// panel's <c>hidden</c> (there until every item is ticked).
    /// </summary>
    public const char Token = 'T', Checked = 'C', New = 'N', Done = 'D', Outline = 'O', Hidden = 'H';

    /// <summary>Marks a hole in the template's HTML; never written by Razor's encoder, checked when parsing.</summary>
    public const char Mark = '\u0001';

    /// <summary>The tutorial whose page rendered with these holes, if one did.</summary>
    public Tutorial? Tutorial { get; private set; }

    public LearnerParts PartsFor(ContentSnapshot snapshot, Tutorial tutorial)
    {
        Tutorial = tutorial;
        return new Holes(LearnerTicks.None.For(snapshot, tutorial));
    }

    private static HtmlString Hole(char kind, string key = "") => new($"{Mark}{kind}{key}{Mark}");

    private sealed class Holes(Completion none) : LearnerParts
    {
        public override Completion Completion => none;

        public override IHtmlContent DoneCount => Hole(Done);

        public override IHtmlContent OutlineMark(Tutorial entry, int index) => Hole(Outline, index.ToString(CultureInfo.InvariantCulture));

        public override IHtmlContent CompletionHidden => Hole(Hidden);

        public override IHtmlContent TokenField(IHtmlHelper html) => Hole(Token);

        public override IHtmlContent Checked(ChecklistEntry item) => Hole(TemplateHoles.Checked, item.Key);

        public override IHtmlContent NewBadge(ChecklistEntry item) => Hole(New, item.Key);
    }
}
