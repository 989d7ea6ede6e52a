namespace CemOnPrem.Audit.Chain;

/// <summary>The last link of the chain (sequence 0 and the genesis hash when it is empty).</summary>
public sealed record AuditChainHead(long Sequence, byte[] Hash);
