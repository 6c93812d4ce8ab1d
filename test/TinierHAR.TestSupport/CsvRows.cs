namespace TinierHAR.TestSupport;

/// <summary>The rows of a small comma-separated output file (no quoted fields), as column → text.</summary>
public static class CsvRows
{
    public static Dictionary<string, string>[] Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToArray();
    }
}
