using System.Net;

namespace TutorialSite.Tests.Operations;

/// <summary>
/// A restart, or a new container on the same volume, must accept the forms the old one served; so must every
/// replica on the same PostgreSQL database, where the keys are stored.
/// </summary>
public sealed class DataProtectionKeysTests : SiteOnSampleContent
{
    [Fact]
    [Trait("Database", TestDatabase.OnBothProviders)]
    public async Task FormFromOneInstance_IsAcceptedByTheNextOnTheSameDatabase()
    {
        using var second = new TutorialSiteFactory(Content.Root, Site.Database);
        var (form, cookie) = await TickFormAsync(Site);

        using var response = await PostAsync(second, form, cookie);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        if (Site.Database.IsPostgres)
        {
            Assert.Equal(1, Site.Database.Scalar("""SELECT COUNT(*) FROM "DataProtectionKeys" """));
        }
        else
        {
            Assert.NotEmpty(Directory.GetFiles(Site.KeysFolder, "key-*.xml"));
        }
    }

    [Fact]
    public async Task FormFromOneInstance_IsRejectedByAnInstanceWithOtherKeys()
    {
        using var other = new TutorialSiteFactory(Content.Root, Site.Database,
            settings: new Dictionary<string, string?> { ["DataProtection:KeysPath"] = Path.Combine(Content.Root, "other-keys") });
        var (form, cookie) = await TickFormAsync(Site);

        using var response = await PostAsync(other, form, cookie);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>
    /// A tick form with a token and the antiforgery cookie the first instance set with it: a shared page's form has
    /// no token, so (as a reader without JavaScript does) it is submitted and the confirmation form it gets back is used.
    /// </summary>
    private static async Task<(AngleSharp.Html.Dom.IHtmlFormElement Form, string Cookie)> TickFormAsync(TutorialSiteFactory site)
    {
        var client = site.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });
        var page = await client.GetDocumentAsync(Page);
        var form = page.TickForm("run-ps");
        ((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector("input[type=checkbox]")!).IsChecked = true;
        using var response = await client.SubmitAsync(form);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("antiforgery=", StringComparison.Ordinal));
        var confirm = (AngleSharp.Html.Dom.IHtmlFormElement)(await Html.ParseAsync(response)).QuerySelector("form[data-confirm-tick]")!;
        return (confirm, cookie.Split(';')[0]);
    }

    private static Task<HttpResponseMessage> PostAsync(TutorialSiteFactory site, AngleSharp.Html.Dom.IHtmlFormElement form, string cookie)
    {
        var client = site.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client.SubmitAsync(form);
    }
}
