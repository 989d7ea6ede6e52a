using CemOnPrem.Http.Configuration;
using CemOnPrem.Storage.Encryption;
using Microsoft.Extensions.Options;

using CemOnPrem.Http.Masking;

namespace CemOnPrem.Server.Encryption;

/// <summary>Field-level encryption: the key provider, data keys, blind indexes, masking (<c>Cem:Privacy</c>).</summary>
public static class FieldEncryptionSetup
{
    public static WebApplicationBuilder AddCemFieldEncryption(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<PersonalDataOptions>().Bind(builder.Configuration.GetSection(PersonalDataOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PersonalDataOptions>, PersonalDataOptionsValidator>();
        services.AddOptions<MaskingOptions>().Bind(builder.Configuration.GetSection(MaskingOptions.Section));
        services.AddSingleton<IKeyEncryptionKeyProvider>(sp => new FileKeyEncryptionKeyProvider(KeyDirectory(
            sp.GetRequiredService<IOptions<PersonalDataOptions>>().Value, sp.GetRequiredService<IOptions<CemOptions>>().Value)));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PersonalDataOptions>>().Value);
        services.AddSingleton<FieldProtection>();
        services.AddSingleton<KeyRotation>();
        // Other nodes' erasures reach this node's key cache (docs/privacy.md, "Erasure").
        services.AddSingleton<KeyShredListener>();
        services.AddHostedService(sp => sp.GetRequiredService<KeyShredListener>());
        // Registered here, before the silo and the region writers: a wrong key folder stops the start.
        services.AddHostedService<KeyProviderCheck>();
        services.AddSingleton<CustomerMasking>();
        // Hosts without packs (tools, some tests) have no registry: card numbers are then redacted everywhere.
        services.AddSingleton(sp => new PanRedaction(() =>
            sp.GetService<CemOnPrem.Packs.Hosting.PackRegistry>()?.ActivePacks.Select(pack => pack.Content.Manifest) ?? []));
        return builder;
    }

    /// <summary><c>Cem:Privacy:KeyDirectory</c>, else <c>{Cem:DataDirectory}/keys</c>.</summary>
    public static string KeyDirectory(PersonalDataOptions privacy, CemOptions cem)
    {
        ArgumentNullException.ThrowIfNull(privacy);
        ArgumentNullException.ThrowIfNull(cem);
        return string.IsNullOrWhiteSpace(privacy.KeyDirectory) ? Path.Combine(cem.DataDirectory, "keys") : privacy.KeyDirectory;
    }
}
