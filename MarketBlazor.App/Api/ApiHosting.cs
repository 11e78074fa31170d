using System.Text.Json;
using System.Text.Json.Serialization;
using MarketBlazor.App.Api.Streaming;
using MarketBlazor.App.Protection;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;

namespace MarketBlazor.App.Api;

public static class ApiHosting
{
    public static void AddMarketApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblemShapes.Customize);
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddValidation();
        builder.Services.Configure<StreamingOptions>(builder.Configuration.GetSection(StreamingOptions.Section));
        builder.Services.AddSingleton<TradeBacklog>();
        builder.Services.AddSingleton<MarketStream>();
        builder.Services.AddSingleton<AllMarketsStream>();
        // A body that cannot be read throws, in every environment (Development's default), so ApiExceptionHandler can name the field.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            options.AddOperationTransformer<BearerSecuritySchemeTransformer>();
        });
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            // "NaN" and "Infinity" as strings parse, so validation can answer them with a readable 422.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
    }

    public static void MapMarketApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        var api = app.MapGroup("/api").RequireRateLimiting(RateLimitPolicies.ApiReads);
        api.MapMarketEndpoints();
        api.MapAccountEndpoints();
        api.MapStreamEndpoints();
        app.MapDiagnostics();

        // The API's own pipeline: whatever goes wrong is ProblemDetails JSON, never the UI's HTML error or not-found page.
        app.MapWhen(IsApiRequest, branch =>
        {
            branch.UseExceptionHandler();
            branch.UseStatusCodePages();
            branch.Run(RunEndpointAsync);
        });
    }

    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>Runs the endpoint routing chose, unless it is a page (or nothing): under /api that is an unknown API path.</summary>
    private static Task RunEndpointAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.RequestDelegate is not { } run || endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            return ApiProblems.NotFound($"There is no API endpoint at {context.Request.Path}.").ExecuteAsync(context);
        // Checked before the body is read; Kestrel also enforces the limit on chunked bodies (routing applies it as the server's limit).
        if (endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } limit } && context.Request.ContentLength > limit)
            return ApiProblems.TooLarge($"This body must be at most {limit / 1024} KB.").ExecuteAsync(context);
        return run(context);
    }
}
