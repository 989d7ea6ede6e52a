namespace CemOnPrem.Surveys.Invitations;

/// <summary><c>Cem:Surveys:Sending</c>: the background work that turns trigger decisions into invitations and expires old ones.</summary>
public sealed class InvitationSendingOptions
{
    /// <summary>Runs the work on this node (every node may; their claims never overlap).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Trigger decisions turned into invitations per transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The pause between polls when there was nothing to do.</summary>
    public double PollSeconds { get; set; } = 2;
}
