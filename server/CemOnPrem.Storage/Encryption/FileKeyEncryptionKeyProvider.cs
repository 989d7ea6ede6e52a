using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using CemOnPrem.Sdk;

namespace CemOnPrem.Storage.Encryption;

/// <summary>
/// Development/test key provider: 256-bit keys generated once as files <c>{directory}/{region}/kek-0001.key</c>,
/// <c>blind-index.key</c> (base64, mode 600). Every node of a cluster must see the same folder (or use an HSM/Vault
/// provider); a node with a different folder could not unwrap the others' data keys.
/// </summary>
public sealed class FileKeyEncryptionKeyProvider(string directory) : IKeyEncryptionKeyProvider
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // Another process (cemctl keys rotate) adds versions; re-list the folder at most this often.
    private static readonly TimeSpan VersionRefresh = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(string Region, int Version), byte[]> _keks = new();
    private readonly ConcurrentDictionary<string, byte[]> _blindIndexKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Version, long CheckedAt)> _current = new(StringComparer.Ordinal);

    public string Directory { get; } = Path.GetFullPath(directory);

    public ValueTask<int> CurrentVersionAsync(string region, CancellationToken cancellationToken)
    {
        if (_current.TryGetValue(region, out var known) && Environment.TickCount64 - known.CheckedAt < VersionRefresh.TotalMilliseconds)
        {
            return ValueTask.FromResult(known.Version);
        }

        var versions = ListVersions(region);
        var current = versions.Count > 0 ? versions[^1] : CreateVersion(region);
        _current[region] = (current, Environment.TickCount64);
        return ValueTask.FromResult(current);
    }

    public ValueTask<IReadOnlyList<int>> VersionsAsync(string region, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<int>>(ListVersions(region));

    public ValueTask<int> CreateVersionAsync(string region, CancellationToken cancellationToken)
    {
        var version = CreateVersion(region);
        _current[region] = (version, Environment.TickCount64);
        return ValueTask.FromResult(version);
    }

    public ValueTask<byte[]> WrapAsync(string region, int version, ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken)
    {
        var wrapped = new byte[NonceSize + dataKey.Length + TagSize];
        var nonce = wrapped.AsSpan(0, NonceSize);
        RandomNonces.Fill(nonce);
        using var aes = new AesGcm(Kek(region, version), TagSize);
        aes.Encrypt(nonce, dataKey.Span, wrapped.AsSpan(NonceSize, dataKey.Length), wrapped.AsSpan(NonceSize + dataKey.Length), associatedData.Span);
        return ValueTask.FromResult(wrapped);
    }

    public ValueTask<byte[]> UnwrapAsync(string region, int version, ReadOnlyMemory<byte> wrapped, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken)
    {
        if (wrapped.Length <= NonceSize + TagSize)
        {
            throw new CryptographicException("A wrapped data key is too short.");
        }

        var span = wrapped.Span;
        var length = span.Length - NonceSize - TagSize;
        var dataKey = new byte[length];
        using var aes = new AesGcm(Kek(region, version), TagSize);
        aes.Decrypt(span[..NonceSize], span.Slice(NonceSize, length), span[^TagSize..], dataKey, associatedData.Span);
        return ValueTask.FromResult(dataKey);
    }

    public ValueTask<byte[]> BlindIndexKeyAsync(string region, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_blindIndexKeys.GetOrAdd(region, r => LoadOrCreate(Path.Combine(RegionFolder(r), "blind-index.key"))));

    private byte[] Kek(string region, int version) =>
        _keks.GetOrAdd((region, version), key =>
        {
            var path = KekPath(key.Region, key.Version);
            return File.Exists(path)
                ? Load(path)
                : throw new CryptographicException($"KEK version {key.Version} of region '{key.Region}' is missing ({path}); restore it from the key backup.");
        });

    private List<int> ListVersions(string region)
    {
        var folder = RegionFolder(region);
        if (!System.IO.Directory.Exists(folder))
        {
            return [];
        }

        return [.. System.IO.Directory.EnumerateFiles(folder, "kek-*.key")
            .Select(path => Path.GetFileNameWithoutExtension(path)[4..])
            .Select(text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Where(v => v > 0)
            .Order()];
    }

    private int CreateVersion(string region)
    {
        // Two processes may race to create the same version: CreateNew lets exactly one win; the loser takes the next.
        for (var version = (ListVersions(region).LastOrDefault()) + 1; ; version++)
        {
            if (KeyFiles.TryCreate(KekPath(region, version)))
            {
                return version;
            }
        }
    }

    private string KekPath(string region, int version) =>
        Path.Combine(RegionFolder(region), string.Create(CultureInfo.InvariantCulture, $"kek-{version:D4}.key"));

    private string RegionFolder(string region) =>
        Codes.IsValid(region) ? Path.Combine(Directory, region) : throw new ArgumentException($"Region name '{region}' {Codes.Rule}.", nameof(region));

    private static byte[] LoadOrCreate(string path)
    {
        KeyFiles.TryCreate(path);
        return Load(path);
    }

    private static byte[] Load(string path)
    {
        try
        {
            var key = Convert.FromBase64String(PrivateFiles.ReadText(path).Trim());
            return key.Length == 32 ? key : throw new CryptographicException($"{path} must hold the base64 of 32 bytes.");
        }
        catch (FormatException)
        {
            throw new CryptographicException($"{path} must hold the base64 of 32 bytes.");
        }
    }
}
