using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TutorialSite.Web.Operations;

namespace TutorialSite.Tests.Operations;

/// <summary>
/// Kestrel runs each request on the thread that received it (OperationsExtensions.InlineScheduling): fine only while
/// that thread is a thread-pool thread, never one of the socket engine's event loops, because a learner's page reads
/// SQLite synchronously.
/// </summary>
public sealed class KestrelSchedulingTests() : SiteOnSampleContent("Production")
{
    [Fact]
    public void InlineScheduling_IsOn_UnlessSocketCompletionsRunOnTheEventLoops()
    {
        Assert.True(OperationsExtensions.InlineScheduling(null));
        Assert.True(OperationsExtensions.InlineScheduling("0"));
        Assert.False(OperationsExtensions.InlineScheduling("1"));
        Assert.Equal(OperationsExtensions.InlineScheduling(Environment.GetEnvironmentVariable(OperationsExtensions.SocketsInlineCompletions)),
            Site.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.UnsafePreferInlineScheduling);
    }

    [Fact]
    public async Task Requests_OverRealSockets_RunOnThreadPoolThreads()
    {
        var threads = new ConcurrentQueue<(string Path, bool OnThePool)>();
        using var kestrel = Site.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new FirstMiddleware(threads))));
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var address = kestrel.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var browser = kestrel.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(address) });

        // An anonymous page twice (rendered, then from memory), a tick (its token fetched first), the learner's page
        // (a SQLite read), a 404.
        await browser.GetDocumentAsync("/docker/images");
        var page = await browser.GetDocumentAsync("/docker/images");
        (await browser.SubmitTickAsync(page, "run-ps", done: true, json: true)).EnsureSuccessStatusCode();
        Assert.True((await browser.GetDocumentAsync("/docker/images")).IsTicked("run-ps"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/no/such-page")).StatusCode);

        Assert.True(threads.Count >= 5, $"{threads.Count} requests seen");
        Assert.All(threads, t => Assert.True(t.OnThePool, $"{t.Path} ran on a thread outside the thread pool"));
    }

    /// <summary>Notes, ahead of everything else, which kind of thread each request starts on.</summary>
    private sealed class FirstMiddleware(ConcurrentQueue<(string, bool)> threads) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                threads.Enqueue((context.Request.Path + context.Request.QueryString, Thread.CurrentThread.IsThreadPoolThread));
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
