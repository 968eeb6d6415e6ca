using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

/// <summary>
/// Everything on a tutorial page that depends on who reads it: a checkbox's <c>checked</c>, a "New" badge, the number
/// done, the outline's marks, the completion panel's <c>hidden</c>, the antiforgery token. The page writes these
/// through this class and reads no ticks itself; these are its holes. Usually they are filled from the learner's
/// ticks (<see cref="ForAsync"/>); the serving side may supply other parts for a request
/// (<see cref="ILearnerPartsFeature"/>: Serving/LearnerPageTemplate.cs renders the page once with markers in the holes).
/// </summary>
public abstract class LearnerParts
{
    /// <summary>Items done over items; only <see cref="Completion.Total"/> where the parts are holes.</summary>
    public abstract Completion Completion { get; }

    public abstract IHtmlContent DoneCount { get; }

    /// <summary>The mark of <paramref name="entry"/>, the course's <paramref name="index"/>th tutorial, in the course outline.</summary>
    public abstract IHtmlContent OutlineMark(Tutorial entry, int index);

    /// <summary>The completion panel's <c>hidden</c> attribute until every item is ticked.</summary>
    public abstract IHtmlContent CompletionHidden { get; }

    /// <summary>The antiforgery token field of a checklist form (learners' pages; shared pages carry none).</summary>
    public abstract IHtmlContent TokenField(IHtmlHelper html);

    /// <summary>The checkbox's <c>checked</c> attribute, as Razor writes <c>checked="@true"</c>.</summary>
    public abstract IHtmlContent Checked(ChecklistEntry item);

    /// <summary>The badge of an item added since the learner's last visit.</summary>
    public abstract IHtmlContent NewBadge(ChecklistEntry item);

    /// <summary>The parts for this request: the serving side's if it supplies them, else the learner's ticks (none without a cookie).</summary>
    public static async Task<LearnerParts> ForAsync(HttpContext context, TickReader tickReader, ContentSnapshot snapshot, Tutorial tutorial)
    {
        if (context.Features.Get<ILearnerPartsFeature>() is { } supplied)
        {
            return supplied.PartsFor(snapshot, tutorial);
        }
        var learner = LearnerCookie.Read(context);
        var (ticks, newKeys) = await tickReader.TutorialStateAsync(learner, tutorial.CourseSlug, tutorial.Slug, tutorial.Items(), context.RequestAborted);
        return new Filled(snapshot, tutorial, ticks, newKeys, withTokens: learner is not null);
    }

    /// <summary>The parts filled from a learner's ticks, or from none.</summary>
    private sealed class Filled(ContentSnapshot snapshot, Tutorial tutorial, LearnerTicks ticks, IReadOnlySet<string> newKeys, bool withTokens) : LearnerParts
    {
        private readonly IReadOnlyList<(string Course, string Tutorial)> tickIds = snapshot.TickIds(tutorial);

        public override Completion Completion { get; } = ticks.For(snapshot, tutorial);

        public override IHtmlContent DoneCount => new HtmlString(Completion.Done.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public override IHtmlContent OutlineMark(Tutorial entry, int index) => LearnerHtml.OutlineMark(ticks.For(snapshot, entry));

        public override IHtmlContent CompletionHidden => Completion.IsComplete ? HtmlString.Empty : LearnerHtml.Hidden;

        public override IHtmlContent TokenField(IHtmlHelper html) => withTokens ? html.AntiForgeryToken() : HtmlString.Empty;

        public override IHtmlContent Checked(ChecklistEntry item) => ticks.IsTicked(tickIds, item.AllKeys) ? LearnerHtml.Checked : HtmlString.Empty;

        public override IHtmlContent NewBadge(ChecklistEntry item) => newKeys.Contains(item.Key) ? LearnerHtml.NewBadge : HtmlString.Empty;
    }
}

/// <summary>
/// A request feature by which the serving side supplies a request's <see cref="LearnerParts"/> instead of the
/// learner's ticks (Serving/LearnerPageTemplate.cs: markers where the holes are).
/// </summary>
public interface ILearnerPartsFeature
{
    LearnerParts PartsFor(ContentSnapshot snapshot, Tutorial tutorial);
}

/// <summary>The HTML of a learner's parts, the same bytes whether Razor writes them or a template is filled with them.</summary>
public static class LearnerHtml
{
    public static readonly HtmlString Checked = new(" checked=\"checked\"");

    public static readonly HtmlString NewBadge = new("<span class=\"badge text-bg-info me-1\">New</span><span class=\"visually-hidden\">since your last visit: </span>");

    public static readonly HtmlString Hidden = new(" hidden");

    private static readonly HtmlString CompleteMark = new("<span class=\"outline-mark is-complete\"><span class=\"visually-hidden\">complete</span></span>");

    /// <summary>What the course outline shows of a tutorial: done/total, or a check once complete (nothing without items).</summary>
    public static HtmlString OutlineMark(Completion completion) => completion switch
    {
        { Total: 0 } => HtmlString.Empty,
        { IsComplete: true } => CompleteMark,
        var (done, total) => new($"<span class=\"outline-mark\">{done}<span class=\"visually-hidden\"> of </span><span aria-hidden=\"true\">/</span>{total}<span class=\"visually-hidden\"> done</span></span>"),
    };
}
