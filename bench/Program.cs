using MarketBlazor.Bench;

return await BenchCommand.RunAsync(args);
