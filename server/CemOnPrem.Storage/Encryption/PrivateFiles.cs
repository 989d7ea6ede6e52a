using System.Text;

namespace CemOnPrem.Storage.Encryption;

/// <summary>Key files: readable by their owner only (mode 600), flushed to disk, never overwritten.</summary>
/// <remarks>
/// Nodes sharing a key folder start together: exactly one creates a file (exclusive create), and a node that finds it
/// while the creator is still writing waits for the content (<see cref="ReadText"/>) instead of reading an empty key —
/// which had answered an ingest request with a 500. (Write-then-move would not do: .NET's non-overwriting
/// <c>File.Move</c> is not atomic on Linux — tried first, two of eight concurrent creators both "won".)
/// </remarks>
public static class PrivateFiles
{
    private static readonly TimeSpan WriterGrace = TimeSpan.FromSeconds(5);

    /// <returns>False when the file already exists (another process created it first: use theirs).</returns>
    public static bool TryCreate(string path, string content)
    {
        ArgumentException.ThrowIfNullOrEmpty(content);
        return TryCreate(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content));
    }

    /// <returns>False when the file already exists (another process created it first: use theirs).</returns>
    public static bool TryCreate(string path, byte[] content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfZero(content.Length);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (File.Exists(path))
        {
            return false;
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(content); // one write
            stream.Flush(flushToDisk: true); // data encrypted under a key must not outlive the key after a power loss
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>The file's text; while it is empty (its creator is still writing it), waits up to 5 s for it.</summary>
    public static string ReadText(string path) => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(ReadBytes(path));

    /// <summary>The file's bytes; while it is empty (its creator is still writing it), waits up to 5 s for them.</summary>
    public static byte[] ReadBytes(string path)
    {
        var deadline = DateTime.UtcNow + WriterGrace;
        var content = File.ReadAllBytes(path);
        while (content.Length == 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
            content = File.ReadAllBytes(path);
        }

        return content;
    }
}
