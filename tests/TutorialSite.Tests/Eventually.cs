namespace TutorialSite.Tests;

/// <summary>Waits for what a site does in the background: a reload after an edit, a replica taking the traffic.</summary>
public static class Eventually
{
    /// <summary>Asks <paramref name="condition"/> every 100 ms until it holds; fails with <paramref name="failure"/> after <paramref name="seconds"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string failure, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100);
        }
    }

    /// <inheritdoc cref="TrueAsync(Func{Task{bool}}, string, int)"/>
    public static Task TrueAsync(Func<bool> condition, string failure, int seconds = 15) => TrueAsync(() => Task.FromResult(condition()), failure, seconds);

    /// <summary>Waits for the site to pick up an edit (the watcher reloads within a second; CI machines are slow).</summary>
    public static Task EditServedAsync(Func<Task<bool>> condition) => TrueAsync(condition, "the site did not pick up the edit");
}
