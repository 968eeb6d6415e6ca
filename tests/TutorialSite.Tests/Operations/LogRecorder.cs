using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TutorialSite.Tests.Operations;

/// <summary>Every log entry of the app that passes its configured filters, from any category.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    /// <summary>For each entry, in the same order: the id of the Activity current when it was logged, if any.</summary>
    public ConcurrentQueue<(string Message, string? ActivityId)> Activities { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            recorder.Entries.Enqueue((category, logLevel, message));
            recorder.Activities.Enqueue((message, System.Diagnostics.Activity.Current?.Id));
        }
    }
}
