using System.Net;
using MarketBlazor.Data.Queries;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Tests.Api;

/// <summary>A bug on the server side: the API answers a 500 ProblemDetails that says nothing about the code.</summary>
public class ApiFailureTests(DatabaseFixture database) : ApiTest(database)
{
    private const string Secret = "secret-internals-of-the-failure";

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<MarketReader>(_ => throw new InvalidOperationException(Secret));

    [Fact]
    public async Task An_unexpected_exception_is_a_500_problem_without_a_stack_trace()
    {
        var market = await Data.MarketAsync();

        var response = await Client.GetAsync($"/api/markets/{market.Id}/trades");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("internal_error", problem.GetProperty("reason").GetString());
        var text = problem.ToString();
        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("InvalidOperationException", text);
    }
}

/// <summary>The same in Development, where the developer exception page would otherwise answer with HTML and a stack trace.</summary>
public class ApiFailureInDevelopmentTests(DatabaseFixture database) : ApiFailureTests(database)
{
    protected override string Environment => "Development";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Seed:OnEmptyDatabase"] = "false" };
}
