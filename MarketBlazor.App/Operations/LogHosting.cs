namespace MarketBlazor.App.Operations;

/// <summary>
/// Console logs with their scopes (order id, market id, circuit id): one JSON object a line in
/// Production, for a log shipper; the readable single-line format in Development.
/// </summary>
public static class LogHosting
{
    public static void AddMarketLogs(this IHostApplicationBuilder builder)
    {
        if (builder.Environment.IsProduction())
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(simple =>
            {
                simple.IncludeScopes = true;
                simple.SingleLine = true;
            });
        }
    }
}
