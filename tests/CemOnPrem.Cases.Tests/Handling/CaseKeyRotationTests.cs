using CemOnPrem.Cases.Handling;
using CemOnPrem.Cases.Tests.Support;
using CemOnPrem.Contracts.Cases;
using CemOnPrem.Storage.Encryption;
using CemOnPrem.Testing;

namespace CemOnPrem.Cases.Tests.Handling;

/// <summary>KEK rotation re-wraps the keys of cases without a customer (<c>case_keys</c>) as it does customers' keys.</summary>
public sealed class CaseKeyRotationTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;
    private const string Secret = "Branch manager promised a call back on Friday";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_rotation_case_notes_decrypt_with_only_the_new_KEK_and_no_key_is_left_on_the_old_one()
    {
        var cases = new CaseHarness(databases);
        var ownKeyCase = await cases.OpenAsync(Region);
        var customerCase = await cases.OpenAsync(Region, await cases.CustomerAsync(Region));
        await cases.Editor.AddNoteAsync(Region, ownKeyCase, new CaseNoteEdit(1, "agent-a", Secret), Cancellation);
        await cases.Editor.AddNoteAsync(Region, customerCase, new CaseNoteEdit(1, "agent-a", Secret), Cancellation);
        var rotation = new KeyRotation(databases.Regions, databases.Protection.Keks);

        var result = await rotation.RotateAsync(Region, batchSize: 1, (_, _) => Task.CompletedTask, Cancellation);

        Assert.Equal(0, result.RemainingOnOlderVersions);
        Assert.Equal(result.NewVersion, await cases.ScalarAsync<int>(Region, "select kek_version from case_keys where case_id = @caseId", ownKeyCase));
        Assert.True(await cases.ScalarAsync<bool>(Region, "select rewrapped_at is not null from case_keys where case_id = @caseId", ownKeyCase));
        var reader = ReaderWithOnlyKek(result.NewVersion);
        Assert.Equal(Secret, (await reader.GetAsync(Region, ownKeyCase, withPersonalText: true, Cancellation))!.History.Single(h => h.Action == "note").Text);
        Assert.Equal(Secret, (await reader.GetAsync(Region, customerCase, withPersonalText: true, Cancellation))!.History.Single(h => h.Action == "note").Text);
    }

    [Fact]
    public async Task Without_a_rotation_a_node_holding_only_a_newer_KEK_cannot_read_a_case_key()
    {
        var cases = new CaseHarness(databases);
        var caseId = await cases.OpenAsync(Region);
        await cases.Editor.AddNoteAsync(Region, caseId, new CaseNoteEdit(1, "agent-a", Secret), Cancellation);
        var newer = await databases.Protection.Keks.CreateVersionAsync(Region, Cancellation); // a new version, nothing re-wrapped

        var reader = ReaderWithOnlyKek(newer);

        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => reader.GetAsync(Region, caseId, withPersonalText: true, Cancellation));
    }

    /// <summary>A reader whose key folder holds only KEK <paramref name="version"/> of the region (older versions destroyed), with empty key caches.</summary>
    private CaseReader ReaderWithOnlyKek(int version)
    {
        var folder = Directory.CreateTempSubdirectory("cem-test-newest-kek-").FullName;
        var source = Path.Combine(databases.KeyDirectory, Region);
        Directory.CreateDirectory(Path.Combine(folder, Region));
        foreach (var file in Directory.EnumerateFiles(source).Where(f => !Path.GetFileName(f).StartsWith("kek-", StringComparison.Ordinal) || f.EndsWith($"kek-{version:D4}.key", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(folder, Region, Path.GetFileName(file)));
        }

        var protection = new FieldProtection(databases.Regions, new FileKeyEncryptionKeyProvider(folder), new PersonalDataOptions());
        return new CaseReader(databases.Regions, CalendarClocks.For(databases), new CaseText(protection, new CaseKeys(protection)), TimeProvider.System);
    }
}
