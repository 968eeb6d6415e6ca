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

    /// <summary>
    /// Ticks or unticks the box and submits it as a learner would. Without JavaScript (<paramref name="json"/>
    /// false) the form is submitted; on a shared page it has no token, so the site answers 400 with a confirmation
    /// form, and the learner clicks its Save button. With JavaScript, the site's script first fetches a token when
    /// the form has none, then posts the form with it.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitTickAsync(this HttpClient client, IHtmlDocument page, string key, bool done, bool json = false)
    {
        var form = page.TickForm(key);
        ((IHtmlInputElement)form.QuerySelector("input[type=checkbox]")!).IsChecked = done;
        if (json)
        {
            if (form.QuerySelector("input[name=__RequestVerificationToken]") is null)
            {
                var token = await client.FetchTokenAsync(form.Action);
                var input = (IHtmlInputElement)page.CreateElement("input");
                (input.Type, input.Name, input.Value) = ("hidden", "__RequestVerificationToken", token);
                form.Prepend(input);
            }
            return await client.SubmitAsync(form, json: true);
        }
        var response = await client.SubmitAsync(form);
        if (response.StatusCode != System.Net.HttpStatusCode.BadRequest || await ParseAsync(response) is not { } answer
            || answer.QuerySelector("form[data-confirm-tick]") is not IHtmlFormElement confirm)
        {
            return response;
        }
        response.Dispose();
        return await client.SubmitAsync(confirm);
    }

    /// <summary>Ticks each item on the page at <paramref name="url"/> as a learner without JavaScript does: the page, a tick, the page again.</summary>
    public static async Task TickAsync(this HttpClient client, string url, params string[] keys)
    {
        foreach (var key in keys)
        {
            (await client.SubmitTickAsync(await client.GetDocumentAsync(url), key, done: true)).Dispose();
        }
    }

    /// <summary>A token as the site's script fetches it before a shared page's first tick.</summary>
    public static async Task<string> FetchTokenAsync(this HttpClient client, string tickAction)
    {
        var url = tickAction.Replace("handler=Tick", "handler=Token", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(System.Net.Http.HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Posts the form as a browser does; with <paramref name="submitter"/>, as when that button was clicked (its name and value sent).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlFormElement form, bool json = false, AngleSharp.Dom.IElement? submitter = null)
    {
        var submission = (submitter is null ? form.GetSubmission() : form.GetSubmission((IHtmlElement)submitter))!;
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
