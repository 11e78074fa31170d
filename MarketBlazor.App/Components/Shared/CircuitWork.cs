namespace MarketBlazor.App.Components.Shared;

/// <summary>
/// Work a component starts from an event that nobody awaits (a sign-in change, a timer), run on
/// the component's dispatcher. A discarded task swallows its exception and leaves a page that
/// silently stops following; here the exception reaches the circuit as if a lifecycle method had
/// thrown it, so it is logged and the visitor sees the error bar instead of a frozen page.
/// </summary>
/// <param name="invoke">The component's <c>InvokeAsync</c>.</param>
/// <param name="dispatchException">The component's <c>DispatchExceptionAsync</c>.</param>
public sealed class CircuitWork(Func<Func<Task>, Task> invoke, Func<Exception, Task> dispatchException)
{
    public void Start(Func<Task> work) => _ = RunAsync(work);

    private async Task RunAsync(Func<Task> work)
    {
        try
        {
            await invoke(work);
        }
        catch (Exception e)
        {
            try
            {
                await dispatchException(e);
            }
            catch (ObjectDisposedException)
            {
                // The circuit has gone: there is nobody left to tell.
            }
        }
    }
}
