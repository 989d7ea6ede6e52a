using CemOnPrem.Storage.Privacy;

namespace CemOnPrem.Storage.Tests.Privacy;

public sealed class PrivateFilesTests
{
    private const int Nodes = 8;

    [Fact]
    public void Nodes_starting_together_on_one_key_folder_all_read_the_same_complete_key()
    {
        // Each thread stands for a node process with its own provider; a barrier starts them at the same moment.
        for (var round = 0; round < 40; round++)
        {
            var folder = Directory.CreateTempSubdirectory("cem-key-race-").FullName;
            try
            {
                var keys = new byte[Nodes][];
                var failures = new Exception?[Nodes];
                using var start = new Barrier(Nodes);
                var threads = Enumerable.Range(0, Nodes).Select(node => new Thread(() =>
                {
                    var provider = new FileKeyEncryptionKeyProvider(folder);
                    start.SignalAndWait();
                    try
                    {
                        keys[node] = provider.BlindIndexKeyAsync("eu-central", CancellationToken.None).AsTask().GetAwaiter().GetResult();
                    }
                    catch (Exception ex)
                    {
                        failures[node] = ex;
                    }
                })).ToList();
                threads.ForEach(thread => thread.Start());
                threads.ForEach(thread => thread.Join());

                Assert.All(failures, failure => Assert.Null(failure));
                Assert.Equal(32, keys[0].Length);
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
