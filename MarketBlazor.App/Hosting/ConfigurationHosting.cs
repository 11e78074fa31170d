using Microsoft.Extensions.Configuration.Json;

namespace MarketBlazor.App.Hosting;

public static class ConfigurationHosting
{
    /// <summary>
    /// Reads appsettings.{Environment}.json from the output folder, where the build copies the
    /// repository-root file. It is slotted in right after the content root's own JSON files so
    /// environment variables and the command line still override it.
    /// </summary>
    public static void AddMarketConfiguration(this IHostApplicationBuilder builder)
    {
        var path = Path.Combine(AppContext.BaseDirectory, $"appsettings.{builder.Environment.EnvironmentName}.json");
        if (!File.Exists(path)) return;

        var sources = builder.Configuration.Sources;
        var lastJson = sources.Select((source, index) => (source, index)).LastOrDefault(s => s.source is JsonConfigurationSource).index;
        var shared = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        shared.ResolveFileProvider();
        sources.Insert(lastJson + 1, shared);
    }
}
