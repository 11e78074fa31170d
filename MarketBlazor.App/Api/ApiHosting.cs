using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketBlazor.App.Api;

public static class ApiHosting
{
    public static void AddMarketApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            // "NaN" and "Infinity" as strings parse, so validation can answer them with a readable 422.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
    }

    public static void MapMarketApi(this WebApplication app)
    {
        app.MapOpenApi();
        var api = app.MapGroup("/api");
        api.MapMarketEndpoints();
        api.MapAccountEndpoints();
        app.MapDiagnostics();
    }
}
