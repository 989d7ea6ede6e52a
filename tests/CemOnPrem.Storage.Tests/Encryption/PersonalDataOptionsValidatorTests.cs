using CemOnPrem.Storage.Encryption;

namespace CemOnPrem.Storage.Tests.Encryption;

public sealed class PersonalDataOptionsValidatorTests
{
    [Fact]
    public void The_defaults_pass()
    {
        Assert.True(new PersonalDataOptionsValidator().Validate(null, new PersonalDataOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(PersonalDataOptionsValidator.MaxKeyCacheCapacity + 1)]
    public void A_key_cache_that_holds_no_key_or_too_many_fails_naming_the_setting(int capacity)
    {
        var result = new PersonalDataOptionsValidator().Validate(null, new PersonalDataOptions { KeyCacheCapacity = capacity });

        Assert.True(result.Failed);
        Assert.Contains("Cem:Privacy:KeyCacheCapacity must be between 1 and 10000000", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_personal_attribute_fails_naming_its_position()
    {
        var result = new PersonalDataOptionsValidator().Validate(null, new PersonalDataOptions { PersonalAttributes = ["email", " "] });

        Assert.True(result.Failed);
        Assert.Contains("Cem:Privacy:PersonalAttributes:1 is empty", result.FailureMessage, StringComparison.Ordinal);
    }
}
