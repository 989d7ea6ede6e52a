namespace CemOnPrem.Sdk.Packs.Validation;

/// <summary>How serious a broken pack rule is: what the host does, and what only the test kit reports.</summary>
public enum PackRuleLevel
{
    /// <summary>The host refuses to load a pack that breaks the rule: the engines could not run the pack as written.</summary>
    Load = 0,

    /// <summary>
    /// The test kit (and a pack check) reports it, the host loads the pack anyway: missing translations or lexicons,
    /// touchpoints that none of the pack's own journeys know (events of other packs and channels may carry them),
    /// retention defaults (the host ignores an invalid one), code checks the host makes when it loads the code.
    /// </summary>
    Publish = 1,
}
