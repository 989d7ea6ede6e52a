using System.Collections.Concurrent;

namespace CemOnPrem.Server.Hosting;

/// <summary>
/// The host's logger factory, keeping one logger per category. Serilog's factory builds a new logger (with its own
/// property cache) on every call, and ASP.NET Core asks on every request: for each authentication handler it creates
/// and for each typed result it writes (<c>TypedResults.Accepted</c> among them). That was ~5 % of the ingest path's
/// allocations (docs/performance.md). Microsoft's own factory keeps its loggers the same way.
/// </summary>
internal sealed class CategoryCachingLoggerFactory(ILoggerFactory inner, bool ownsInner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _byCategory = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _byCategory.GetOrAdd(categoryName, inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        if (ownsInner)
        {
            inner.Dispose();
        }
    }

    /// <summary>Wraps the <see cref="ILoggerFactory"/> registered last (Serilog's) in one of these.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(descriptor => descriptor.ServiceType == typeof(ILoggerFactory));
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => registered switch
        {
            { ImplementationInstance: ILoggerFactory instance } => new CategoryCachingLoggerFactory(instance, ownsInner: false),
            { ImplementationFactory: { } create } => new CategoryCachingLoggerFactory((ILoggerFactory)create(provider), ownsInner: true),
            { ImplementationType: { } type } => new CategoryCachingLoggerFactory((ILoggerFactory)ActivatorUtilities.CreateInstance(provider, type), ownsInner: true),
            _ => throw new InvalidOperationException("The registered ILoggerFactory has no instance, factory or type."),
        });
    }
}
