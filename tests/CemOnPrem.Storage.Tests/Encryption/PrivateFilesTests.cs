using CemOnPrem.Storage.Encryption;
using CemOnPrem.Testing;

namespace CemOnPrem.Storage.Tests.Encryption;

public sealed class PrivateFilesTests
{
    private const int Nodes = 8;

    [Fact]
    public void Nodes_starting_together_on_one_key_folder_all_read_the_same_complete_key()
    {
        // Each node has its own provider, as a process would.
        for (var round = 0; round < 40; round++)
        {
            var folder = Directory.CreateTempSubdirectory("cem-key-race-").FullName;
            try
            {
                var (keys, failures) = SimultaneousStart.Run(Nodes, _ =>
                    new FileKeyEncryptionKeyProvider(folder).BlindIndexKeyAsync("eu-central", CancellationToken.None).AsTask().GetAwaiter().GetResult());

                Assert.All(failures, failure => Assert.Null(failure));
                Assert.Equal(32, keys[0]!.Length);
                Assert.All(keys, key => Assert.Equal(keys[0], key));
                Assert.Empty(Directory.EnumerateFiles(folder, "*.tmp", SearchOption.AllDirectories));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void An_existing_file_is_never_overwritten()
    {
        var folder = Directory.CreateTempSubdirectory("cem-key-keep-").FullName;
        try
        {
            var path = Path.Combine(folder, "sub", "a.key");

            Assert.True(PrivateFiles.TryCreate(path, "first\n"));
            Assert.False(PrivateFiles.TryCreate(path, "second\n"));

            Assert.Equal("first\n", File.ReadAllText(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
