using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Packs.Hosting.Signing;

namespace CemOnPrem.Packs.Hosting.Tests.Support;

/// <summary>Writes small pack folders (pack.json + one journey; optionally the compiled throwing test pack) into a temporary packs directory.</summary>
public sealed class TestPackDirectory : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("cem-packs-").FullName;

    /// <summary>The compiled CemOnPrem.TestPacks.Throwing assembly, copied next to the tests by the build.</summary>
    public static string ThrowingAssembly => Path.Combine(AppContext.BaseDirectory, "test-packs", "throwing", "CemOnPrem.TestPacks.Throwing.dll");

    /// <summary>Writes a data-only pack and returns its folder.</summary>
    public string AddDataPack(string folder, string id = "com.example.test", string version = "1.0.0", string sdkVersion = "[0.1.0,0.2.0)",
        string publisher = TestKeys.Publisher, JsonArray? dependencies = null, bool sign = true)
    {
        var path = Path.Combine(Root, folder);
        Directory.CreateDirectory(Path.Combine(path, "journeys"));
        var manifest = new JsonObject
        {
            ["id"] = id,
            ["version"] = version,
            ["publisher"] = publisher,
            ["name"] = "Test pack " + folder,
            ["sdkVersion"] = sdkVersion,
            ["dependencies"] = dependencies ?? [],
            ["dataCategories"] = new JsonArray("contact"),
        };
        Write(path, "pack.json", manifest);
        Write(path, "journeys/visit.json", Journey("visit"));
        if (sign)
        {
            Sign(path, publisher);
        }

        return path;
    }

    /// <summary>Writes a pack with the compiled throwing test pack as its code and a custom metric <c>behaviour</c>.</summary>
    public string AddCodePack(string folder, string id = "com.example.throwing", string? marker = null, bool withCustomMetric = true, bool sign = true)
    {
        var path = AddDataPack(folder, id, sign: false);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(path, "pack.json")))!.AsObject();
        manifest["entryAssembly"] = Path.GetFileName(ThrowingAssembly);
        Write(path, "pack.json", manifest);
        File.Copy(ThrowingAssembly, Path.Combine(path, Path.GetFileName(ThrowingAssembly)));
        if (withCustomMetric)
        {
            Directory.CreateDirectory(Path.Combine(path, "metrics"));
            Write(path, "metrics/behaviour.json", new JsonObject
            {
                ["id"] = "behaviour",
                ["name"] = new JsonObject { ["en"] = "Behaviour" },
                ["kind"] = "custom",
            });
        }

        if (marker is not null)
        {
            File.WriteAllText(Path.Combine(path, marker), "");
        }

        if (sign)
        {
            Sign(path);
        }

        return path;
    }

    public static void Sign(string path, string publisher = TestKeys.Publisher) => PackSigning.Sign(path, TestKeys.Signing, publisher);

    public static JsonObject Journey(string id) => new()
    {
        ["id"] = id,
        ["name"] = new JsonObject { ["en"] = "Branch visit", ["zh"] = "网点到访" },
        ["channels"] = new JsonArray("branch"),
        ["stages"] = new JsonArray(
            new JsonObject { ["id"] = "arrive", ["name"] = new JsonObject { ["en"] = "Arrive" }, ["touchpoints"] = new JsonArray("check-in"), ["abandonAfter"] = "PT2H" },
            new JsonObject { ["id"] = "served", ["name"] = new JsonObject { ["en"] = "Served" }, ["touchpoints"] = new JsonArray("teller") }),
        ["entryTouchpoints"] = new JsonArray("check-in"),
        ["completionTouchpoints"] = new JsonArray("teller"),
    };

    /// <summary>A journey whose first stage has no <c>abandonAfter</c>: it breaks the load rule <c>stage-timeout</c>.</summary>
    public static JsonObject JourneyWithoutTimeout(string id)
    {
        var journey = Journey(id);
        journey["stages"]![0]!.AsObject().Remove("abandonAfter");
        return journey;
    }

    public static void Write(string packPath, string relative, JsonNode json)
    {
        var file = Path.Combine(packPath, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A loaded pack assembly may still be mapped; the temp folder is cleaned by the OS eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
