using Microsoft.Extensions.Options;

namespace CemOnPrem.Audit;

/// <summary>
/// The <c>[Range]</c> rules of <see cref="AuditOptions"/>, checked at start by a validator the compiler generates
/// (no reflection at start-up, unlike <c>ValidateDataAnnotations</c>). The key files are checked by
/// <see cref="AuditOptionsValidator"/>, which needs code.
/// </summary>
[OptionsValidator]
public sealed partial class AuditOptionsRanges : IValidateOptions<AuditOptions>;
