namespace MarketBlazor.Data.LocalPostgres;

/// <summary>The checkout's root (the folder holding MarketBlazor.sln), found by walking up from a start folder.</summary>
public static class RepositoryRoot
{
    public static string? Find(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MarketBlazor.sln"))) return dir.FullName;
        }
        return null;
    }
}
