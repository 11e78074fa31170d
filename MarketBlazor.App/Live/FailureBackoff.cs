using MarketBlazor.Data;

namespace MarketBlazor.App.Live;

/// <summary>
/// How a background loop outlives its failures: after each one it waits a delay that doubles from
/// <c>first</c> up to <c>longest</c> and then goes on. It logs when failing starts or changes kind
/// and once when the loop recovers, so an hour-long outage costs a few lines, not thousands.
/// An outage (<see cref="DatabaseFailures.IsUnavailable"/>) is a warning; anything else is a bug
/// and logged as an error with its stack, but the loop goes on either way: one loop that ends takes
/// the whole process down with it (<see cref="BackgroundServiceExceptionBehavior.StopHost"/>).
/// </summary>
public sealed class FailureBackoff(ILogger logger, string activity, TimeSpan first, TimeSpan longest)
{
    /// <summary>The wait after the latest failure: <c>first</c>, then twice the previous one, never beyond <c>longest</c>; zero while all is well.</summary>
    private TimeSpan delay;
    private int failures;
    private (Type Type, bool Outage)? lastLogged;

    /// <summary>Logs <paramref name="failure"/> unless it repeats the kind already logged, then waits out the back-off (ending early when the loop stops).</summary>
    public async Task FailedAsync(Exception failure, CancellationToken stoppingToken)
    {
        failures++;
        delay = delay == TimeSpan.Zero ? first : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, longest.Ticks));
        var outage = DatabaseFailures.IsUnavailable(failure);
        if (lastLogged != (failure.GetType(), outage))
        {
            lastLogged = (failure.GetType(), outage);
            if (outage)
                logger.LogWarning("{Activity} could not reach the database ({Message}); retrying every {Longest} s at most until it answers",
                    activity, failure.Message, longest.TotalSeconds);
            else
                logger.LogError(failure, "{Activity} failed unexpectedly; it goes on after {Delay} ms", activity, delay.TotalMilliseconds);
        }
        try
        {
            await Task.Delay(delay, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public void Succeeded()
    {
        if (failures == 0) return;
        logger.LogInformation("{Activity} works again after {Failures} failed attempt(s)", activity, failures);
        failures = 0;
        delay = TimeSpan.Zero;
        lastLogged = null;
    }
}
