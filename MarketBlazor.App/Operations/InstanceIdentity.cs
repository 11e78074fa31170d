using MarketBlazor.App.Live;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.Operations;

/// <summary>
/// Names the instance that served each response (header X-Instance, the Live:InstanceName), so an
/// operator behind a load balancer, and the multi-instance test, can tell where a tab is sticking.
/// </summary>
public static class InstanceIdentity
{
    public const string Header = "X-Instance";

    public static void UseInstanceIdentity(this WebApplication app)
    {
        var name = app.Services.GetRequiredService<IOptions<LiveOptions>>().Value.InstanceName;
        app.Use((context, next) =>
        {
            context.Response.Headers[Header] = name;
            return next(context);
        });
    }
}
