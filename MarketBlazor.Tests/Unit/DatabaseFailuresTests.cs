using MarketBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketBlazor.Tests.Unit;

public class DatabaseFailuresTests
{
    [Fact]
    public void A_bare_invalid_operation_is_a_bug_not_an_outage() =>
        Assert.False(DatabaseFailures.IsUnavailable(new InvalidOperationException("Sequence contains no elements")));

    [Fact]
    public void An_invalid_operation_wrapping_a_bug_is_not_an_outage() =>
        Assert.False(DatabaseFailures.IsUnavailable(new InvalidOperationException("wrapped", new ArgumentException("bad"))));

    [Fact]
    public void A_connection_failure_is_an_outage() =>
        Assert.True(DatabaseFailures.IsUnavailable(new NpgsqlException("Exception while reading from stream", new IOException())));

    [Fact]
    public void A_connection_failure_wrapped_by_ef_core_is_an_outage()
    {
        var failure = new NpgsqlException("Exception while connecting");
        Assert.True(DatabaseFailures.IsUnavailable(new InvalidOperationException("transient failure", failure)));
        Assert.True(DatabaseFailures.IsUnavailable(new DbUpdateException("save failed", failure)));
    }

    [Fact]
    public void A_server_shutting_down_is_an_outage_and_a_constraint_violation_is_not()
    {
        Assert.True(DatabaseFailures.IsUnavailable(new PostgresException("terminating connection", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown)));
        Assert.False(DatabaseFailures.IsUnavailable(new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)));
    }

    [Fact]
    public void A_deadline_is_an_outage_but_the_callers_own_cancellation_is_not()
    {
        using var caller = new CancellationTokenSource();
        Assert.True(DatabaseFailures.IsUnavailable(new OperationCanceledException(), caller.Token));
        caller.Cancel();
        Assert.False(DatabaseFailures.IsUnavailable(new OperationCanceledException(caller.Token), caller.Token));
        Assert.False(DatabaseFailures.IsUnavailable(new InvalidOperationException("wrapped", new TaskCanceledException()), caller.Token));
    }
}
