using CemOnPrem.Surveys.Invitations;

namespace CemOnPrem.Surveys.Tests.Invitations;

public sealed class InvitationTokensTests
{
    [Fact]
    public void A_new_token_is_well_formed_unique_and_stored_only_as_its_hash()
    {
        var (first, hash) = InvitationTokens.New();
        var (second, _) = InvitationTokens.New();
        Assert.True(InvitationTokens.IsWellFormed(first));
        Assert.NotEqual(first, second);
        Assert.Equal(hash, InvitationTokens.Hash(first));
        Assert.Equal(32, hash.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP/")]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQR")]
    public void Anything_else_is_not_a_token(string? candidate)
    {
        Assert.False(InvitationTokens.IsWellFormed(candidate));
    }
}
