using System.Security.Cryptography;
using System.Text;

namespace CemOnPrem.Storage.Privacy;

/// <summary>Creates a random 256-bit key file readable by its owner only (mode 600), never overwriting one.</summary>
internal static class KeyFiles
{
    /// <returns>False when the file already exists (another process created it first).</returns>
    public static bool TryCreate(string path)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
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
            using var writer = new StreamWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }
}
