using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using TutorialSite.Web.Content;

namespace TutorialSite.Web.Pages;

public static class ContentAssets
{
    /// <summary>
    /// Serves images and other assets that live beside the Markdown (<c>content/docker/images/a.png</c> at
    /// <c>/docker/images/a.png</c>). Only the listed types: the Markdown and the lock file are never served.
    /// </summary>
    public static IApplicationBuilder UseContentAssets(this IApplicationBuilder app)
    {
        var root = app.ApplicationServices.GetRequiredService<ContentStore>().Root;
        if (!Directory.Exists(root))
        {
            return app;
        }
        // The framework's types for the extensions Content serves, and no others.
        var known = new FileExtensionContentTypeProvider().Mappings;
        var types = new FileExtensionContentTypeProvider(
            ContentAddress.AssetExtensions.ToDictionary(extension => extension, extension => known[extension], StringComparer.OrdinalIgnoreCase));
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            ContentTypeProvider = types,
            // An SVG opened on its own could run script in the site's origin: sandbox it.
            OnPrepareResponse = context => context.Context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        });
    }
}
