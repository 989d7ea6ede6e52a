using System.Security.Cryptography;

namespace CemOnPrem.Storage.Encryption;

/// <summary>Creates a random 256-bit key file (see <see cref="PrivateFiles"/>), never overwriting one.</summary>
internal static class KeyFiles
{
    /// <returns>False when the file already exists (another process created it first).</returns>
    public static bool TryCreate(string path) =>
        PrivateFiles.TryCreate(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
}
