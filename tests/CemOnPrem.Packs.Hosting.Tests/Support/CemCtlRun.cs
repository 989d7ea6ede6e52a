using CemOnPrem.Cli;

namespace CemOnPrem.Packs.Hosting.Tests.Support;

/// <summary>cemctl in-process: the same command tree and handlers as the executable, its output captured.</summary>
internal static class CemCtlRun
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CemCtl.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
