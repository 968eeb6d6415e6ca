using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using TutorialSite.Web.Content;

namespace TutorialSite.Web;

/// <summary>
/// What every response carries and every request must satisfy. Headers follow OWASP ASVS V3 and the MDN HTTP
/// Observatory; cookies are HttpOnly, SameSite and, over HTTPS, Secure and <c>__Host-</c> prefixed.
/// </summary>
/// <remarks>
/// The response headers every page carries (OWASP ASVS V3, MDN HTTP Observatory). The CSP allows scripts and
/// styles from the site only: there are no inline scripts, event handlers or style attributes anywhere.
/// Bootstrap's CSS draws its icons from <c>data:</c> SVGs, hence <c>img-src data:</c>.
/// </remarks>
public static class Security
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests";

    /// <summary>Antiforgery cookies, HSTS, no server banner, small request bodies, write rate limits.</summary>
    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddAntiforgery();
        builder.Services.AddOptions<AntiforgeryOptions>().Configure<IOptions<SiteOptions>>((options, site) =>
        {
            // The name cannot follow each request's scheme; a deployment behind HTTPS says so with its public URL.
            options.Cookie.Name = site.Value.PublicBaseUrl?.Scheme == Uri.UriSchemeHttps ? "__Host-antiforgery" : "antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        // jQuery-style form keys (`a[b]`) are never sent by this site, and a malformed one makes MVC throw: a 500
        // for anyone who posts junk. Without these providers junk is just unknown fields.
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(mvc =>
        {
            foreach (var jquery in mvc.ValueProviderFactories.Where(f => f is JQueryFormValueProviderFactory or JQueryQueryStringValueProviderFactory).ToList())
            {
                mvc.ValueProviderFactories.Remove(jquery);
            }
            mvc.Filters.Add(new PostNeedsAHandler());
        });
        builder.Services.AddWriteRateLimits(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // A tick is a few hundred bytes; nothing the site accepts comes near this.
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
        });
        return builder;
    }

    /// <summary>HSTS outside Development, the headers and the allowed methods: what every response needs, a cached page too.</summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UseAllowedMethods();
        return app;
    }

    /// <summary>
    /// What a POST must satisfy: a body within its page's limit (413, 400 with a plain message) and the write rate
    /// limits. After routing, which applies a page's <see cref="Pages.BodySizeLimitAttribute"/>.
    /// </summary>
    public static WebApplication UseWriteLimits(this WebApplication app)
    {
        app.UseBadRequestStatus();
        // Only writes are limited: a read never pays for the limiter's partitions and leases.
        app.UseWhen(context => HttpMethods.IsPost(context.Request.Method), writes => writes.UseRateLimiter());
        return app;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // A static callback with the response as its state: nothing allocated per request for it.
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                // Content assets (SVG) set a stricter, sandboxing policy of their own.
                headers.ContentSecurityPolicy = headers.ContentSecurityPolicy.Count == 0 ? ContentSecurityPolicy : headers.ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });

    /// <summary>
    /// A POST that names no handler of the page would otherwise render the page as if it were a GET that never ran
    /// its <c>OnGet</c>: answer 405 instead.
    /// </summary>
    private sealed class PostNeedsAHandler : IPageFilter
    {
        public void OnPageHandlerSelected(PageHandlerSelectedContext context)
        {
        }

        public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
        {
            if (context.HandlerMethod is null && HttpMethods.IsPost(context.HttpContext.Request.Method))
            {
                context.HttpContext.Response.Headers.Allow = "GET, HEAD";
                context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            }
        }

        public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
        {
        }
    }

    /// <summary>
    /// Kestrel's own refusals (a body over the limit, a malformed request) would otherwise surface inside MVC as
    /// "no antiforgery token" or an exception: the form is read here first, so they get their own status
    /// (413, 400) and a plain message.
    /// </summary>
    public static IApplicationBuilder UseBadRequestStatus(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            int status;
            try
            {
                // A page that takes bigger bodies says so with [BodySizeLimit]: routing has applied it by now.
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
                {
                    await context.Request.ReadFormAsync(context.RequestAborted);
                }
                await next(context);
                return;
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                status = e.StatusCode;
            }
            catch (InvalidDataException) when (!context.Response.HasStarted)
            {
                status = StatusCodes.Status400BadRequest; // a form with too many or too long fields
            }
            context.Response.Clear();
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(status == StatusCodes.Status413PayloadTooLarge
                ? "The request body is too large."
                : "The request could not be understood.");
        });

    /// <summary>The site answers GET, HEAD and POST; anything else is 405 with an <c>Allow</c> header.</summary>
    public static IApplicationBuilder UseAllowedMethods(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsPost(context.Request.Method))
            {
                return next(context);
            }
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD, POST";
            return Task.CompletedTask;
        });
}
