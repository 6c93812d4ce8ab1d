using nietras.SeparatedValues;

namespace TinierHAR.TestSupport;

/// <summary>The rows of a small comma-separated output file, as column → text (quoted fields unescaped).</summary>
public static class CsvRows
{
    public static Dictionary<string, string>[] Read(string path)
    {
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromFile(path);
        var header = reader.Header.ColNames;
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in reader)
        {
            var values = new Dictionary<string, string>();
            foreach (var name in header)
                values[name] = row[name].ToString();
            rows.Add(values);
        }
        return [.. rows];
    }
}
