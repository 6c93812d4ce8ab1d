using System.Globalization;

namespace TinierHAR.Cli;

/// <summary>Parses number lists of the command line: <c>1-10</c>, <c>1,2,3</c>, <c>1-3,7</c>.</summary>
internal static class NumberList
{
    public static IReadOnlyList<int> Parse(string text, string option)
    {
        var numbers = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', 2);
            if (!int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to) || to < from)
            {
                throw new ArgumentException($"Invalid option '{option}': '{part}' is not a number or a range like 1-10.", option);
            }
            for (var n = from; n <= to; n++)
                if (!numbers.Contains(n)) numbers.Add(n);
        }
        return numbers.Count > 0 ? numbers : throw new ArgumentException($"Invalid option '{option}': no number given.", option);
    }
}
