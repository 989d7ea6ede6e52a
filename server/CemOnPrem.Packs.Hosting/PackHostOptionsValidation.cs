using CemOnPrem.Packs.Hosting.Signing;

namespace CemOnPrem.Packs.Hosting;

/// <summary>Checks <see cref="PackHostOptions"/>; every message names the setting to fix.</summary>
public static class PackHostOptionsValidation
{
    /// <summary>Largest call timeout accepted (a minute: anything longer is no timeout for a metric calculation).</summary>
    public const int MaxCallTimeoutMilliseconds = 60_000;

    /// <summary>Returns the problems found; empty when the options are valid.</summary>
    /// <param name="options">The options to check.</param>
    /// <param name="directoryIsExplicit">Whether <c>Cem:Packs:Directory</c> was configured (then it must exist).</param>
    public static IReadOnlyList<string> Validate(PackHostOptions options, bool directoryIsExplicit)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (directoryIsExplicit && !System.IO.Directory.Exists(options.Directory))
        {
            errors.Add($"{PackHostOptions.Section}:Directory: '{options.Directory}' does not exist (a folder with one sub-folder per pack).");
        }

        if (options.CallTimeoutMilliseconds < 1 || options.CallTimeoutMilliseconds > MaxCallTimeoutMilliseconds)
        {
            errors.Add($"{PackHostOptions.Section}:CallTimeoutMilliseconds: {options.CallTimeoutMilliseconds} is outside 1..{MaxCallTimeoutMilliseconds}.");
        }

        if (options.LoadTimeoutMilliseconds < 1 || options.LoadTimeoutMilliseconds > 10 * MaxCallTimeoutMilliseconds)
        {
            errors.Add($"{PackHostOptions.Section}:LoadTimeoutMilliseconds: {options.LoadTimeoutMilliseconds} is outside 1..{10 * MaxCallTimeoutMilliseconds}.");
        }

        foreach (var (publisher, trusted) in options.TrustedPublishers)
        {
            var setting = $"{PackHostOptions.Section}:TrustedPublishers:{publisher}";
            if (string.IsNullOrWhiteSpace(publisher))
            {
                errors.Add($"{setting}: a publisher name is required.");
                continue;
            }

            var hasText = !string.IsNullOrWhiteSpace(trusted.PublicKey);
            var hasFile = !string.IsNullOrWhiteSpace(trusted.PublicKeyFile);
            if (hasText == hasFile)
            {
                errors.Add($"{setting}: set exactly one of PublicKey (PEM text) or PublicKeyFile (path of a PEM file).");
                continue;
            }

            var keySetting = setting + (hasText ? ":PublicKey" : ":PublicKeyFile");
            try
            {
                using var key = PublisherKeys.ImportPublicKey(hasText ? trusted.PublicKey! : ReadKeyFile(trusted.PublicKeyFile!));
            }
            catch (PackKeyException ex)
            {
                errors.Add($"{keySetting}: {ex.Message}");
            }
        }

        return errors;
    }

    private static string ReadKeyFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PackKeyException($"cannot read '{path}' ({ex.Message}).", ex);
        }
    }
}
