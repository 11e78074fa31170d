using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MarketBlazor.App.Components.Shared;

/// <summary>
/// Market descriptions are written by any member and shown to everyone, so they are Markdown with
/// raw HTML disabled (a &lt;script&gt; is shown as text), links that carry no referral trust and
/// cannot reach back into this page (rel="nofollow noopener"), and only web or mail addresses as
/// link targets (a javascript: link is defused).
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseReferralLinks("nofollow", "noopener")
        .Build();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    public static string ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (!IsSafe(link.Url)) link.Url = "#";
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        var colon = url.IndexOf(':');
        var slash = url.IndexOfAny(['/', '?', '#']);
        // No scheme before the first path character: a relative link to this site.
        if (colon < 0 || (slash >= 0 && slash < colon)) return true;
        return SafeSchemes.Contains(url[..colon].Trim(), StringComparer.OrdinalIgnoreCase);
    }
}
