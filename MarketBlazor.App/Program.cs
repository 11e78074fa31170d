using MarketBlazor.App.Api;
using MarketBlazor.App.Hosting;
using MarketBlazor.App.Live;
using MarketBlazor.App.People;
using MarketBlazor.App.Protection;
using MarketBlazor.App.Seeding;

var seedRequested = SeedCommand.IsRequested(args);
var builder = WebApplication.CreateBuilder(seedRequested ? [] : args);

builder.AddMarketConfiguration();
builder.AddMarketData();
builder.AddTrading();
builder.AddPeople();
builder.AddAbuseLimits();
builder.AddLiveUpdates();
builder.AddMarketApi();
builder.AddMarketUi();

var app = builder.Build();

if (seedRequested)
{
    await app.MigrateDatabaseAsync();
    return await SeedCommand.RunAsync(app.Services.GetRequiredService<MarketDatabase>().ConnectionString, args, Console.Out);
}

await app.PrepareDatabaseAsync();
app.UseAbuseLimits();
app.MapMarketApi();
app.UseMarketUi();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
