using TutorialSite.Web.Content;

namespace TutorialSite.Web.Pages;

/// <summary>A tick as a form or a script posts it: an item of a tutorial, to be ticked (<see cref="Done"/>) or unticked.</summary>
public sealed record TickForm(Tutorial Tutorial, ChecklistEntry Item, bool Done)
{
    /// <summary>The tick, or the status and message that say what is wrong with the post.</summary>
    /// <remarks>A tutorial's former address and an item's former key still count: a page opened before an edit sends them.</remarks>
    public static (TickForm? Tick, (int Status, string Message) Error) Read(ContentSnapshot snapshot, string course, string tutorial, string? key, string? done)
    {
        if (string.IsNullOrEmpty(key) || done is not (null or "true" or "false"))
        {
            return (null, (400, "Send the item's `key`, and `done=true` to tick it (leave `done` out or send `false` to untick)."));
        }
        if ((snapshot.FindTutorial(course, tutorial) ?? snapshot.FindByAlias(course, tutorial)) is not { } found)
        {
            return (null, (404, "There is no such tutorial."));
        }
        return found.ChecklistItems.FirstOrDefault(i => i.AllKeys.Contains(key)) is { } item
            ? (new(found, item, done == "true"), default)
            : (null, (404, "This tutorial has no such item; it may have been changed. Reload the page."));
    }
}
