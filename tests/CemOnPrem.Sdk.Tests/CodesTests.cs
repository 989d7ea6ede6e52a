using CemOnPrem.Sdk;

namespace CemOnPrem.Sdk.Tests;

public sealed class CodesTests
{
    [Theory]
    [InlineData("branch-visit")]
    [InlineData("cn-east")]
    [InlineData("nps")]
    [InlineData("a.b_c-1")]
    [InlineData("0day")]
    public void Valid_codes_are_accepted(string code) => Assert.True(Codes.IsValid(code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Branch")]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("quote'")]
    [InlineData("ü-umlaut")]
    public void Invalid_codes_are_refused(string? code) => Assert.False(Codes.IsValid(code));

    [Fact]
    public void Codes_longer_than_the_limit_are_refused()
    {
        Assert.True(Codes.IsValid(new string('a', Codes.MaxLength)));
        Assert.False(Codes.IsValid(new string('a', Codes.MaxLength + 1)));
    }
}
