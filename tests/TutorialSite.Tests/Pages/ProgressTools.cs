using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;

namespace TutorialSite.Tests.Pages;

/// <summary>The progress page's tools as a learner uses them: through its real forms, tokens included.</summary>
public static class ProgressTools
{
    /// <summary>Uploads a progress file with the import form; the page that answers.</summary>
    public static async Task<IHtmlDocument> ImportAsync(this HttpClient browser, byte[] file)
    {
        var form = (IHtmlFormElement)(await browser.GetDocumentAsync("/progress")).QuerySelector("form[enctype='multipart/form-data']")!;
        using var body = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        body.Add(part, "file", "tutorialsite-progress.json");
        using var response = await browser.PostAsync(form.Action, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }

    /// <summary>Asks for a code for another device; the code shown.</summary>
    public static async Task<string> NewCodeAsync(this HttpClient browser)
    {
        var form = (IHtmlFormElement)(await browser.GetDocumentAsync("/progress")).QuerySelector("form[action*=DeviceCode]")!;
        using var response = await browser.SubmitAsync(form);
        return (await Html.ParseAsync(response)).QuerySelector(".device-code")!.TextContent;
    }

    /// <summary>Enters a code from another device; the page that answers.</summary>
    public static async Task<IHtmlDocument> LinkAsync(this HttpClient browser, string code)
    {
        var form = (IHtmlFormElement)(await browser.GetDocumentAsync("/progress")).QuerySelector("form[action*=Link]")!;
        ((IHtmlInputElement)form.QuerySelector("input[name=code]")!).Value = code;
        using var response = await browser.SubmitAsync(form);
        return await Html.ParseAsync(response);
    }
}
