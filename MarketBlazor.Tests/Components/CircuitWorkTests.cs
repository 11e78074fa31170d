using Bunit;
using MarketBlazor.App.Components.Shared;
using MarketBlazor.App.Live;
using Microsoft.AspNetCore.Components;
using static MarketBlazor.Tests.Live.LiveTestKit;

namespace MarketBlazor.Tests.Components;

/// <summary>A component's unawaited work and live batches that throw reach the renderer (the circuit), not a discarded task.</summary>
public sealed class CircuitWorkTests : BunitContext
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_exception_in_unawaited_work_reaches_the_renderer()
    {
        var component = Render<Failing>();

        component.Instance.StartFailingWork();

        Assert.Equal("boom from work", (await Renderer.UnhandledException.WaitAsync(Deadline)).Message);
    }

    [Fact]
    public async Task An_exception_in_a_live_batch_reaches_the_renderer()
    {
        using var broadcaster = Broadcaster();
        var component = Render<Failing>(parameters => parameters.Add(c => c.Broadcaster, broadcaster));

        broadcaster.Commit(Change(1));

        Assert.Equal("boom from batch", (await Renderer.UnhandledException.WaitAsync(Deadline)).Message);
    }

    /// <summary>A component whose event work and live batches fail, wired the way the app's pages are.</summary>
    private sealed class Failing : ComponentBase, IDisposable
    {
        private LiveFeed? feed;

        [Parameter] public MarketBroadcaster? Broadcaster { get; set; }

        protected override void OnInitialized()
        {
            if (Broadcaster is not null)
                feed = LiveFeed.Start(Broadcaster, (_, _) => InvokeAsync(() => throw new InvalidOperationException("boom from batch")), DispatchExceptionAsync);
        }

        public void StartFailingWork() =>
            new CircuitWork(InvokeAsync, DispatchExceptionAsync).Start(() => throw new InvalidOperationException("boom from work"));

        public void Dispose() => feed?.Dispose();
    }
}
