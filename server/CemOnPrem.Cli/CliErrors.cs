using CemOnPrem.Packs.Hosting.Signing;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Cli;

/// <summary>A user mistake: reported as one line, no stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);

internal static class CliErrors
{
    /// <summary>Runs a command; mistakes and unreadable inputs become "cemctl: ..." on standard error and exit code 1.</summary>
    public static int Guard(TextWriter error, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (Exception ex) when (ex is CliException or PackKeyException or PackSignatureException or PackFormatException
                                       or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"cemctl: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Reads and imports a key file; problems name the option and the file.</summary>
    public static T WithKeyFile<T>(string option, string path, Func<string, T> import)
    {
        ArgumentNullException.ThrowIfNull(import);
        var pem = ReadKey(path, option);
        try
        {
            return import(pem);
        }
        catch (PackKeyException ex)
        {
            throw new CliException($"{option}: {path}: {ex.Message}");
        }
    }

    private static string ReadKey(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{option}: {path}: no such file.");
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option}: cannot read {path} ({ex.Message}).");
        }
    }
}
