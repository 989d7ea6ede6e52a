using CemOnPrem.Audit.Keys;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Audit;

/// <summary>
/// Checks configured key files at start, so a wrong path or a wrong file stops the server with a
/// message naming the setting (exit code 2) instead of failing the first audited request.
/// </summary>
public sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PseudonymKeyFile))
        {
            Check(errors, () => AuditKeyFiles.LoadOrCreatePseudonymKey(options.PseudonymKeyFile, "."));
        }

        if (!string.IsNullOrWhiteSpace(options.CheckpointKeyFile))
        {
            Check(errors, () => AuditKeyFiles.LoadOrCreateCheckpointKey(options.CheckpointKeyFile, ".").Dispose());
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, Action load)
    {
        try
        {
            load();
        }
        catch (AuditKeyException ex)
        {
            errors.Add(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add("Cem:Audit: a key file cannot be read: " + ex.Message);
        }
    }
}
