using CemOnPrem.Server.Hosting;
using CemOnPrem.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CemOnPrem.Server.Tests.Configuration;

/// <summary>
/// The node's logger factory keeps one logger per category (ASP.NET Core asks for one on every request; Serilog would
/// build a new one each time); the loggers it keeps honour the configured levels.
/// </summary>
public sealed class LoggerFactoryTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public void One_logger_per_category_is_built_and_kept()
    {
        var factory = server.Factory.Services.GetRequiredService<ILoggerFactory>();

        Assert.IsType<CategoryCachingLoggerFactory>(factory);
        var first = factory.CreateLogger("Microsoft.AspNetCore.Http.Result.AcceptedResult");
        Assert.Same(first, factory.CreateLogger("Microsoft.AspNetCore.Http.Result.AcceptedResult"));
        Assert.NotSame(first, factory.CreateLogger("CemOnPrem.Other"));
        Assert.True(first.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void Decorating_keeps_a_registered_instance_and_leaves_its_disposal_to_its_owner()
    {
        var services = new ServiceCollection();
        using var inner = new CountingFactory();
        services.AddSingleton<ILoggerFactory>(inner);

        CategoryCachingLoggerFactory.Decorate(services);
        using (var provider = services.BuildServiceProvider())
        {
            var factory = provider.GetRequiredService<ILoggerFactory>();
            factory.CreateLogger("a");
            factory.CreateLogger("a");
            factory.CreateLogger("b");
        }

        Assert.Equal(2, inner.Created);
        Assert.False(inner.Disposed);
    }

    private sealed class CountingFactory : ILoggerFactory
    {
        public int Created { get; private set; }

        public bool Disposed { get; private set; }

        public ILogger CreateLogger(string categoryName)
        {
            Created++;
            return Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        }

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose() => Disposed = true;
    }
}
