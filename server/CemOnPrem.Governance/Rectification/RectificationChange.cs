namespace CemOnPrem.Governance.Rectification;

/// <summary>What a rectification request corrects: an identity value of the subject, or an attribute on its events.</summary>
public sealed record RectificationChange(IdentityCorrection? Identity, AttributeCorrection? Attribute);

public sealed record IdentityCorrection(string Type, string Value, string NewValue);

public sealed record AttributeCorrection(string Name, string Value);
