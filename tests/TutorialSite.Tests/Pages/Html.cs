using AngleSharp;
using AngleSharp.Html.Dom;
using AngleSharp.Io;

namespace TutorialSite.Tests.Pages;

/// <summary>Reads pages like a browser does and submits their real forms, antiforgery token included.</summary>
public static class Html
{
    private static readonly IBrowsingContext Context = BrowsingContext.New(Configuration.Default);

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return (IHtmlDocument)await Context.OpenAsync(r => r.Content(html).Address(response.RequestMessage!.RequestUri!));
    }

    /// <summary>The tick form of a checklist item on a tutorial page.</summary>
    public static IHtmlFormElement TickForm(this IHtmlDocument page, string key) =>
        (IHtmlFormElement)(page.QuerySelector($"#item-{key} form") ?? throw new InvalidOperationException($"no item {key}"));

    public static bool IsTicked(this IHtmlDocument page, string key) =>
        ((IHtmlInputElement)page.TickForm(key).QuerySelector("input[type=checkbox]")!).IsChecked;

    /// <summary>Ticks or unticks the box and submits the form as the browser would, without JavaScript.</summary>
    public static Task<HttpResponseMessage> SubmitTickAsync(this HttpClient client, IHtmlDocument page, string key, bool done, bool json = false)
    {
        var form = page.TickForm(key);
        ((IHtmlInputElement)form.QuerySelector("input[type=checkbox]")!).IsChecked = done;
        return client.SubmitAsync(form, json);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlFormElement form, bool json = false)
    {
        var submission = form.GetSubmission()!;
        var body = new MemoryStream();
        await submission.Body!.CopyToAsync(body);
        var request = new HttpRequestMessage(System.Net.Http.HttpMethod.Post, submission.Target.Href)
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", submission.Headers[HeaderNames.ContentType]);
        if (json)
        {
            request.Headers.Accept.ParseAdd("application/json");
        }
        return await client.SendAsync(request);
    }
}
