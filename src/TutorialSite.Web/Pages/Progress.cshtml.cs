using Microsoft.AspNetCore.Mvc;
using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Pages;

/// <remarks>A progress file may hold thousands of ticks: this page accepts bodies up to 2 MB.</remarks>
[BodySizeLimit(2 * 1024 * 1024)]
public sealed class ProgressModel(ContentStore content, ProgressService progress, ProgressTransfer transfer) : SitePageModel
{
    public override string Title => "My progress";

    public override string Description => "Your progress across all courses: what you have checked off and what is left.";

    /// <summary>Every course, what is ticked in it, retired ticks and reviews due.</summary>
    public ProgressOverview Overview { get; private set; } = ProgressOverview.None;

    /// <summary>What the last import did, shown once after it.</summary>
    public ImportReport? Imported { get; private set; }

    /// <summary>A code just made for another device, shown once.</summary>
    public string? NewCode { get; private set; }

    /// <summary>The outcome of entering a code, shown once.</summary>
    public string? Notice { get; private set; }

    /// <summary>Whether <see cref="Notice"/> reports something that did not work (shown in the error style).</summary>
    public bool NoticeIsError { get; private set; }

    /// <summary>The address that opens this page with <see cref="NewCode"/> filled in, for the other device.</summary>
    public string? NewCodeUrl => NewCode is { } code ? $"{BaseUrl}/progress?code={Uri.EscapeDataString(code)}" : null;

    /// <summary>A code from a link (<c>/progress?code=...</c>), put in the form for the learner to confirm.</summary>
    [FromQuery(Name = "code")]
    public string? PrefilledCode { get; set; }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    public Task OnGetAsync() => LoadAsync(LearnerCookie.Read(HttpContext));

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (LearnerCookie.Read(HttpContext) is not { } learner)
        {
            return RedirectToPage();
        }
        Response.Headers.CacheControl = "no-store";
        var file = await transfer.ExportAsync(learner, HttpContext.RequestAborted);
        return File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(file, Indented), "application/json", "tutorialsite-progress.json");
    }

    public async Task OnPostImportAsync(IFormFile? file)
    {
        var known = content.Current.ClaimedTicks().ToHashSet();
        var learner = LearnerCookie.Read(HttpContext);
        Imported = file is null
            ? new ImportReport(0, 0, [], "Choose a progress file to import.")
            : await transfer.ImportAsync(learner, file.OpenReadStream(), (c, t, k) => known.Contains((c, t, k)), HttpContext.RequestAborted);
        if (Imported.Learner is { } stored)
        {
            LearnerCookie.WriteIfNew(HttpContext, stored);
            learner = stored.Id;
        }
        await LoadAsync(learner);
    }

    public async Task OnPostDeviceCodeAsync()
    {
        // Both words: the page carries an antiforgery token, and antiforgery insists on (and logs a change to) no-cache.
        Response.Headers.CacheControl = "no-cache, no-store";
        var learner = LearnerCookie.Read(HttpContext);
        if (learner is not null && !(await progress.TicksAsync(learner, HttpContext.RequestAborted)).IsEmpty)
        {
            NewCode = await transfer.CreateCodeAsync(learner, HttpContext.RequestAborted);
        }
        else
        {
            (Notice, NoticeIsError) = ("Tick something first: a code links another device to your progress.", true);
        }
        await LoadAsync(learner);
    }

    public async Task OnPostLinkAsync([FromForm] string? code)
    {
        var learner = string.IsNullOrWhiteSpace(code) ? null : await transfer.RedeemCodeAsync(code, HttpContext.RequestAborted);
        if (learner is not null)
        {
            // This browser now carries the other device's learner.
            LearnerCookie.Write(HttpContext, learner);
        }
        (Notice, NoticeIsError) = learner is null
            ? ("That code does not work: it may be mistyped, used already, or older than 10 minutes. Make a new one on your other device.", true)
            : ("This browser now shares the progress of your other device.", false);
        await LoadAsync(learner ?? LearnerCookie.Read(HttpContext));
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        if (LearnerCookie.Read(HttpContext) is { } learner)
        {
            await progress.ResetAsync(learner, HttpContext.RequestAborted);
        }
        return SeeOther("/progress");
    }

    private async Task LoadAsync(string? learner) =>
        Overview = await ProgressOverview.LoadAsync(progress, content.Current, learner, HttpContext.RequestAborted);
}
