using System.Runtime.InteropServices;

namespace CemOnPrem.Bench.Reporting;

/// <summary>What the numbers were measured on.</summary>
internal sealed record MachineFacts(int LogicalCores, string Cpu, long MemoryMiB, string Os, string Runtime, string Postgres)
{
    public static MachineFacts Collect(string postgres)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024);
        return new MachineFacts(Environment.ProcessorCount, cpu, memory, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, postgres);
    }
}
