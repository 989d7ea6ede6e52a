namespace CemOnPrem.Testing;

/// <summary>
/// Stands in for node processes starting at the same moment: one dedicated thread per node (thread-pool threads would
/// be injected too slowly to meet at a barrier), all released together.
/// </summary>
public static class SimultaneousStart
{
    /// <returns>Per node its result, or the exception it threw (the other one is default).</returns>
    public static (T?[] Results, Exception?[] Failures) Run<T>(int nodes, Func<int, T> node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var results = new T?[nodes];
        var failures = new Exception?[nodes];
        using var start = new Barrier(nodes);
        var threads = Enumerable.Range(0, nodes).Select(index => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                results[index] = node(index);
            }
            catch (Exception ex)
            {
                failures[index] = ex;
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        return (results, failures);
    }
}
