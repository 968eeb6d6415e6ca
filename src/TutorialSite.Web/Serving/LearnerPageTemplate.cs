using System.Collections.Frozen;
using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Text;
using TutorialSite.Web.Content;
using TutorialSite.Web.Pages;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Serving;

/// <summary>
/// A learner's tutorial page without Razor on every request: Razor renders the page once per content snapshot with
/// holes where the learner's parts go (a checkbox's <c>checked</c>, a "New" badge, the number done, the antiforgery
/// token), and each request fills them in after reading the learner's ticks. The filled page is the same bytes
/// Razor would write for that learner (tested); Razor still renders any page that cannot be templated.
/// </summary>
public sealed class LearnerPageTemplate
{
    private const char Token = TemplateHoles.Token, Checked = TemplateHoles.Checked, New = TemplateHoles.New, Done = TemplateHoles.Done,
        Outline = TemplateHoles.Outline, Hidden = TemplateHoles.Hidden, Mark = TemplateHoles.Mark;

    private static readonly byte[] CheckedBytes = Encoding.UTF8.GetBytes(LearnerHtml.Checked.Value!);
    private static readonly byte[] NewBytes = Encoding.UTF8.GetBytes(LearnerHtml.NewBadge.Value!);
    private static readonly byte[] HiddenBytes = Encoding.UTF8.GetBytes(LearnerHtml.Hidden.Value!);

    private readonly byte[][] literals;
    /// <summary>Each hole's kind and, for a checkbox or a badge, its item's index in the tutorial (else -1).</summary>
    private readonly (char Kind, int Item)[] holes;
    /// <summary>
    /// Where a tick counts on this page: every identity it may have in this snapshot (a tutorial's ids × an item's
    /// keys) → the items it stands for, as indexes into one array of answers: this tutorial's items first, then those
    /// of each tutorial of the course in turn (the outline's marks). A request looks up the learner's ticks here (a few,
    /// usually) rather than every identity of the course in their ticks (hundreds).
    /// </summary>
    private readonly FrozenDictionary<(string Course, string Tutorial, string Key), int[]> answers;
    /// <summary>Where each tutorial's items end in the answers: this tutorial's, then the course's in turn.</summary>
    private readonly int[] ends;

    private LearnerPageTemplate(Tutorial tutorial, Endpoint? endpoint, byte[][] literals, (char, int)[] holes,
        FrozenDictionary<(string, string, string), int[]> answers, int[] ends) =>
        (Tutorial, Endpoint, this.literals, this.holes, this.answers, this.ends) = (tutorial, endpoint, literals, holes, answers, ends);

    public Tutorial Tutorial { get; }

    /// <summary>The endpoint that rendered it: set on a request it answers before routing, so metrics name the page's route.</summary>
    public Endpoint? Endpoint { get; }

    /// <summary>The bytes kept, for the cache's budget.</summary>
    public long Size => literals.Sum(l => (long)l.Length) + holes.Length * 16 + answers.Count * 64L + ends.Length * 4;

    /// <summary>Runs the page in template mode into a buffer; the HTML when it rendered a tutorial, else the response is sent.</summary>
    internal static async Task<(byte[]? Html, Tutorial? Tutorial)> RenderAsync(HttpContext context, RequestDelegate next)
    {
        var rendering = new TemplateHoles();
        context.Features.Set<ILearnerPartsFeature>(rendering);
        byte[] html;
        try
        {
            html = await AnonymousPageCache.CaptureAsync(context, next);
        }
        finally
        {
            context.Features.Set<ILearnerPartsFeature>(null);
        }
        if (rendering.Tutorial is { } tutorial && context.Response.StatusCode == StatusCodes.Status200OK)
        {
            // The learner's own page is written from the template instead.
            context.Response.Headers.ContentLength = null;
            return (html, tutorial);
        }
        await AnonymousPageCache.SendAsync(context, html);
        return (null, null);
    }

    /// <summary>The template, or null when the HTML holds a mark that is not one of ours (content can contain anything).</summary>
    internal static LearnerPageTemplate? Parse(byte[] html, Tutorial tutorial, Endpoint? endpoint, ContentSnapshot snapshot)
    {
        var parts = Encoding.UTF8.GetString(html).Split(Mark);
        if (parts.Length % 2 == 0)
        {
            return null;
        }
        var course = snapshot.FindCourse(tutorial.CourseSlug)?.Tutorials ?? [];
        var items = tutorial.ChecklistItems.Select((item, index) => (item.Key, index)).ToDictionary(i => i.Key, i => i.index, StringComparer.Ordinal);
        var holes = new (char, int)[parts.Length / 2];
        for (var i = 1; i < parts.Length; i += 2)
        {
            var hole = parts[i];
            if (hole is [Token] or [Done] or [Hidden])
            {
                holes[i / 2] = (hole[0], -1);
            }
            else if (hole is [Outline, ..] && int.TryParse(hole.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < course.Count)
            {
                holes[i / 2] = (Outline, index);
            }
            else if (hole is [Checked or New, ..] && items.TryGetValue(hole[1..], out var item))
            {
                holes[i / 2] = (hole[0], item);
            }
            else
            {
                return null;
            }
        }
        var (answers, ends) = Answers(snapshot, [tutorial, .. course]);
        return new(tutorial, endpoint, [.. parts.Where((_, i) => i % 2 == 0).Select(Encoding.UTF8.GetBytes)], holes, answers, ends);
    }

    /// <summary>Every identity of the tutorials' items → the indexes of the items it stands for, and where each tutorial's items end.</summary>
    private static (FrozenDictionary<(string, string, string), int[]>, int[]) Answers(ContentSnapshot snapshot, IReadOnlyList<Tutorial> tutorials)
    {
        var answers = new Dictionary<(string, string, string), List<int>>();
        var ends = new int[tutorials.Count];
        var next = 0;
        for (var t = 0; t < tutorials.Count; t++)
        {
            var ids = snapshot.TickIds(tutorials[t]);
            foreach (var item in tutorials[t].ChecklistItems)
            {
                foreach (var identity in ids.TickIdentities(item))
                {
                    (CollectionsMarshal.GetValueRefOrAddDefault(answers, identity, out _) ??= []).Add(next);
                }
                next++;
            }
            ends[t] = next;
        }
        return (answers.ToFrozenDictionary(a => a.Key, a => a.Value.ToArray()), ends);
    }

    internal async Task WriteAsync(HttpContext context, LearnerTicks ticks, IReadOnlySet<string> newKeys, string tokenField)
    {
        // What ProgressExtensions.For counts and the page's checkboxes show: an item is ticked under any identity it has had.
        var ticked = new bool[ends[^1]];
        foreach (var identity in ticks.Identities)
        {
            if (answers.TryGetValue(identity, out var items))
            {
                foreach (var item in items)
                {
                    ticked[item] = true;
                }
            }
        }
        var own = Completed(ticked, 0);
        var token = Encoding.UTF8.GetBytes(tokenField);
        var done = Encoding.UTF8.GetBytes(own.Done.ToString(CultureInfo.InvariantCulture));
        var pieces = new ReadOnlyMemory<byte>[literals.Length + holes.Length];
        var length = 0L;
        for (var i = 0; i < pieces.Length; i++)
        {
            pieces[i] = i % 2 == 0 ? literals[i / 2] : holes[i / 2] switch
            {
                (Token, _) => token,
                (Done, _) => done,
                (Hidden, _) => own.IsComplete ? default : HiddenBytes,
                (Outline, var index) => OutlineMarkBytes(Completed(ticked, index + 1)),
                (Checked, var item and >= 0) => ticked[item] ? CheckedBytes : default,
                (New, var item and >= 0) => newKeys.Contains(Tutorial.ChecklistItems[item].Key) ? NewBytes : default,
                _ => default,
            };
            length += pieces[i].Length;
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = length;
        // Headers first: pieces written before the response has started are kept aside and copied again behind them.
        await response.StartAsync(context.RequestAborted);
        Copy(pieces, response.BodyWriter);
        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>
    /// The pieces, one buffer of the response's pipe after another: a page has a hundred or more pieces, and each
    /// <c>GetSpan</c>/<c>Advance</c> pair takes Kestrel's output lock (docs/benchmarks.md, "Cached pages before routing").
    /// </summary>
    private static void Copy(ReadOnlyMemory<byte>[] pieces, PipeWriter writer)
    {
        var buffer = writer.GetSpan();
        var used = 0;
        foreach (var piece in pieces)
        {
            var rest = piece.Span;
            while (!rest.IsEmpty)
            {
                if (used == buffer.Length)
                {
                    writer.Advance(used);
                    buffer = writer.GetSpan();
                    used = 0;
                }
                var length = Math.Min(rest.Length, buffer.Length - used);
                rest[..length].CopyTo(buffer[used..]);
                rest = rest[length..];
                used += length;
            }
        }
        writer.Advance(used);
    }

    /// <summary>The outline mark's bytes, made once per (done, total): a page asks for one per tutorial of its course.</summary>
    private static byte[] OutlineMarkBytes(Completion completion) =>
        OutlineMarks.GetOrAdd(completion, static c => Encoding.UTF8.GetBytes(LearnerHtml.OutlineMark(c).Value!));

    /// <summary>Bounded by the content: one entry per (done, total) pair some tutorial can have.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Completion, byte[]> OutlineMarks = new();

    /// <summary>The <paramref name="tutorial"/>th tutorial's items ticked, of all it has (0: this page's, then the course's in turn).</summary>
    private Completion Completed(bool[] ticked, int tutorial)
    {
        var start = tutorial == 0 ? 0 : ends[tutorial - 1];
        var items = ticked.AsSpan(start, ends[tutorial] - start);
        return new(items.Count(true), items.Length);
    }
}
