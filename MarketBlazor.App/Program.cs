using MarketBlazor.App.Api;
using MarketBlazor.App.Commands;
using MarketBlazor.App.Hosting;
using MarketBlazor.App.Lifecycle;
using MarketBlazor.App.Live;
using MarketBlazor.App.Operations;
using MarketBlazor.App.People;
using MarketBlazor.App.Protection;

var commandRequested = AdminCommands.IsRequested(args);
var builder = commandRequested ? AdminCommands.CreateBuilder() : WebApplication.CreateBuilder(args);

builder.AddMarketConfiguration();
builder.AddMarketLogs();
builder.AddMarketTelemetry();
builder.AddMarketHealth();
builder.AddMarketData();
builder.AddTrading();
builder.AddPeople();
builder.AddAbuseLimits();
builder.AddLiveUpdates();
builder.AddMarketLifecycle();
builder.AddMarketApi();
builder.AddMarketUi();
builder.AddInsights();

var app = builder.Build();

if (commandRequested) return await AdminCommands.RunAsync(app, args, Console.Out);

await app.PrepareDatabaseAsync();
app.UseInstanceIdentity();
app.UseAbuseLimits();
app.MapMarketHealth();
app.MapMarketTelemetry();
app.MapMarketApi();
app.UseMarketUi();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
