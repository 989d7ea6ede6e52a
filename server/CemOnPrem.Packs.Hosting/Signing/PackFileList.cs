using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CemOnPrem.Packs.Hosting.Signing;

/// <summary>
/// <c>.cem-pack/files.sha256</c>: one line per file of the pack folder (everything but <c>.cem-pack/</c>),
/// sorted by path (ordinal), each <c>&lt;sha256 hex&gt;  &lt;relative/path&gt;</c> with '/' separators and
/// a trailing LF — the format of <c>sha256sum</c>, so an operator can check it by hand.
/// </summary>
public static class PackFileList
{
    /// <summary>The folder holding signature files; it is not itself hashed.</summary>
    public const string SignatureFolder = ".cem-pack";

    /// <summary>Path of the file list inside the pack folder.</summary>
    public const string FileListPath = SignatureFolder + "/files.sha256";

    /// <summary>Path of the signature inside the pack folder.</summary>
    public const string SignaturePath = SignatureFolder + "/signature";

    /// <summary>Hashes every file of the pack folder.</summary>
    /// <returns>SHA-256 (lower-case hex) by relative path, sorted by path.</returns>
    /// <exception cref="PackSignatureException">The folder holds a symbolic link or a path that cannot be listed.</exception>
    public static SortedDictionary<string, string> Compute(string packDirectory)
    {
        var root = Path.GetFullPath(packDirectory);
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        // Hidden and system files are hashed too (nothing may ride along unsigned); an unreadable file is an error, not a skip.
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", options))
        {
            var relative = Path.GetRelativePath(root, entry.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (relative == SignatureFolder || relative.StartsWith(SignatureFolder + "/", StringComparison.Ordinal))
            {
                continue;
            }

            // A link could point outside the signed folder, so its target would change unseen.
            if (entry.LinkTarget is not null)
            {
                throw new PackSignatureException($"symbolic link not allowed in a pack: {relative}");
            }

            if (entry is FileInfo file)
            {
                if (relative.Contains('\n', StringComparison.Ordinal) || relative.Contains('\r', StringComparison.Ordinal))
                {
                    throw new PackSignatureException($"file name with a line break not allowed in a pack: {relative.ReplaceLineEndings(" ")}");
                }

                using var stream = file.OpenRead();
                hashes[relative] = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
        }

        return hashes;
    }

    /// <summary>The exact bytes of <c>files.sha256</c> for these hashes.</summary>
    public static byte[] Format(IReadOnlyDictionary<string, string> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var text = new StringBuilder();
        foreach (var (path, hash) in hashes.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append(hash).Append("  ").Append(path).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Parses <c>files.sha256</c> strictly.</summary>
    /// <exception cref="PackSignatureException">A line is malformed, out of order or repeated.</exception>
    public static SortedDictionary<string, string> Parse(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = Encoding.UTF8.GetString(content);
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (text.Length == 0)
        {
            return hashes;
        }

        if (!text.EndsWith('\n'))
        {
            throw new PackSignatureException($"{FileListPath} is malformed: it must end with a line feed.");
        }

        var lines = text[..^1].Split('\n');
        string? previous = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (line.Length < 67 || line[64] != ' ' || line[65] != ' ' || !IsLowerHex(line.AsSpan(0, 64)))
            {
                throw new PackSignatureException($"{FileListPath} is malformed at line {number}: expected '<64 hex digits>  <path>'.");
            }

            var path = line[66..];
            if (previous is not null && string.CompareOrdinal(previous, path) >= 0)
            {
                throw new PackSignatureException($"{FileListPath} is malformed at line {number}: paths must be unique and sorted.");
            }

            hashes[path] = line[..64];
            previous = path;
        }

        return hashes;
    }

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
