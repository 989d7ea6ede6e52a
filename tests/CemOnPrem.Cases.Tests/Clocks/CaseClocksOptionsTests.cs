using CemOnPrem.Cases.Calendars;
using CemOnPrem.Cases.Clocks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Tests.Clocks;

public sealed class CaseClocksOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_warning_share_outside_zero_to_one_is_refused_naming_the_setting(double share)
    {
        var result = new CaseClocksOptionsValidator().Validate(null, new CaseClocksOptions { WarningShare = share });

        Assert.True(result.Failed);
        Assert.Contains("Cem:Cases:Clocks:WarningShare must be between 0 and 1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_share_of_75_percent_is_accepted()
    {
        var options = new CaseClocksOptions();

        Assert.Equal(0.75, options.WarningShare);
        Assert.True(new CaseClocksOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void The_setting_is_bound_from_Cem_Cases_Clocks_and_a_bad_value_fails_naming_it()
    {
        Assert.Equal(0.6, Resolve("0.6").WarningShare);
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve("1"));
        Assert.Contains("Cem:Cases:Clocks:WarningShare", failure.Message, StringComparison.Ordinal);
    }

    private static CaseClocksOptions Resolve(string share)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("Cem:Cases:Clocks:WarningShare", share)]);
        builder.AddCaseCalendars();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<CaseClocksOptions>>().Value;
    }
}
