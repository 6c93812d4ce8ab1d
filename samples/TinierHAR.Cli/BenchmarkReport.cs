namespace TinierHAR.Cli;

/// <summary>
/// A committed benchmark output as the markdown the README shows: a BenchmarkDotNet GitHub report (<c>.md</c>, its
/// environment block and table) as it is, a measured tool run (<c>.txt</c>) as a text block.
/// </summary>
public static class BenchmarkReport
{
    /// <summary>The markdown of the output at <paramref name="path"/>.</summary>
    public static string Markdown(string path)
    {
        var text = File.ReadAllText(path).ReplaceLineEndings("\n").Trim('\n');
        return path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? text + "\n" : $"```text\n{text}\n```\n";
    }
}
