using System.Threading.Channels;
using MarketBlazor.App.Live;

namespace MarketBlazor.App.Api.Streaming;

/// <summary>Why a stream stopped waiting: changes are queued, nothing happened for a heartbeat interval, or the stream is over.</summary>
internal enum StreamWake { Changes, Quiet, Ended }

internal static class StreamWaits
{
    /// <summary>Waits for changes at most <paramref name="heartbeat"/>; the end (client gone, app stopping) is an answer, not an exception, so a stream can finish cleanly.</summary>
    public static async Task<StreamWake> NextAsync(ChannelReader<MarketChange> queue, TimeSpan heartbeat, CancellationToken ended)
    {
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ended);
        quiet.CancelAfter(heartbeat);
        try
        {
            return await queue.WaitToReadAsync(quiet.Token) ? StreamWake.Changes : StreamWake.Ended;
        }
        catch (OperationCanceledException)
        {
            return ended.IsCancellationRequested ? StreamWake.Ended : StreamWake.Quiet;
        }
    }
}
