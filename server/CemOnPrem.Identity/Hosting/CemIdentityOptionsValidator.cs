using Microsoft.Extensions.Options;

namespace CemOnPrem.Identity.Hosting;

/// <summary>Start-up check of <c>Cem:Identity</c>; every message names the setting to fix.</summary>
internal sealed class CemIdentityOptionsValidator : IValidateOptions<CemIdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, CemIdentityOptions options)
    {
        var failures = new List<string>();
        if (options.AccessTokenSeconds is < 1 or > 3600)
        {
            failures.Add("Cem:Identity:AccessTokenSeconds must be 1-3600 (access tokens are short-lived).");
        }

        if (options.TokenCheckCacheSeconds is < 0 or > 60)
        {
            failures.Add("Cem:Identity:TokenCheckCacheSeconds must be 0-60 (it bounds how long a revoked token still works on other nodes).");
        }

        if (options.RefreshTokenMinutes is < 1 or > 7 * 24 * 60)
        {
            failures.Add("Cem:Identity:RefreshTokenMinutes must be 1-10080.");
        }

        if (!options.GenerateCertificates)
        {
            CheckFile(failures, options.SigningCertificate, "SigningCertificate");
            CheckFile(failures, options.EncryptionCertificate, "EncryptionCertificate");
        }

        if (options.Password.MinimumLength < 8)
        {
            failures.Add("Cem:Identity:Password:MinimumLength must be at least 8.");
        }

        if (options.Lockout.MaxFailedAttempts < 2 || options.Lockout.Minutes is < 1 or > 1440)
        {
            // One address may fail MaxFailedAttempts - 1 times per name before it is throttled (docs/security.md): with 1
            // a single guess from anywhere would lock the account.
            failures.Add("Cem:Identity:Lockout:MaxFailedAttempts must be at least 2 and Cem:Identity:Lockout:Minutes 1-1440.");
        }

        foreach (var (setting, limit) in new[]
                 {
                     (nameof(RateLimitOptions.TokenPerSource), options.RateLimits.TokenPerSource), (nameof(RateLimitOptions.TokenPerClient), options.RateLimits.TokenPerClient),
                     (nameof(RateLimitOptions.LoginPerSource), options.RateLimits.LoginPerSource), (nameof(RateLimitOptions.LoginPerUser), options.RateLimits.LoginPerUser),
                 })
        {
            if (limit is null || limit.PermitLimit < 1 || limit.WindowSeconds is < 1 or > 3600)
            {
                failures.Add($"Cem:Identity:RateLimits:{setting}: PermitLimit must be at least 1 and WindowSeconds 1-3600.");
            }
        }

        if (options.Issuer.Length > 0 && !Uri.TryCreate(options.Issuer, UriKind.Absolute, out _))
        {
            failures.Add($"Cem:Identity:Issuer: '{options.Issuer}' is not an absolute URI (the public base URL, e.g. https://cem.bank.example/).");
        }

        foreach (var uri in options.AdminUiRedirectUris)
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out _))
            {
                failures.Add($"Cem:Identity:AdminUiRedirectUris: '{uri}' is not an absolute URI.");
            }
        }

        foreach (var (providerName, provider) in options.Federation)
        {
            CheckFederation(failures, providerName, provider);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckFederation(List<string> failures, string name, Federation.FederationProviderOptions provider)
    {
        var setting = "Cem:Identity:Federation:" + name;
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z][a-z0-9-]{0,31}\\z"))
        {
            failures.Add($"{setting}: the provider's name must be lower-case letters, digits and '-' (it becomes part of /callback/login/{{name}}).");
        }

        if (!Uri.TryCreate(provider.Issuer, UriKind.Absolute, out _))
        {
            failures.Add($"{setting}:Issuer: '{provider.Issuer}' is not an absolute URI (the IdP's issuer, e.g. https://adfs.bank.example/adfs).");
        }

        if (provider.ClientId.Length == 0)
        {
            failures.Add($"{setting}:ClientId is required (the client registered for CemOnPrem at the IdP).");
        }

        foreach (var (group, roles) in provider.RoleMap)
        {
            foreach (var role in roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(role => !Authorization.CemRoles.All.Contains(role)))
            {
                failures.Add($"{setting}:RoleMap:{group}: '{role}' is not a role ({string.Join(", ", Authorization.CemRoles.All)}).");
            }
        }

        if (provider.RequireMfaClaim.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{setting}:RequireMfaClaim: an empty value would match nothing; list amr values such as mfa, otp, hwk.");
        }
    }

    private static void CheckFile(List<string> failures, CertificateOptions certificate, string setting)
    {
        if (string.IsNullOrWhiteSpace(certificate.Path))
        {
            failures.Add($"Cem:Identity:{setting}:Path is required (a PFX or PEM file; or Cem:Identity:GenerateCertificates=true for development).");
        }
        else if (!File.Exists(certificate.Path))
        {
            failures.Add($"Cem:Identity:{setting}:Path: file '{certificate.Path}' does not exist.");
        }
    }
}
