using System.Globalization;
using Microsoft.Extensions.Primitives;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Scoring;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.Service.Hosting;

/// <summary>
/// The query parameters of <c>POST /v1/score</c>: the <c>score</c> verb's flags without their dashes, in kebab or
/// camel case (<c>time-unit</c> or <c>timeUnit</c>), plus <c>name</c>, the log's file name in the outputs.
/// </summary>
public static class ScoreQuery
{
    /// <summary>The parameters, as the flags spell them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "name", "time", "no-time", "time-unit", "subject", "subject-from-file", "session", "rate", "channels", "units", "malformed",
        "no-resample", "gap", "repeats", "out-of-order", "missing", "smooth", "threshold",
    ];

    /// <summary>The scoring settings and the log's name; an unknown parameter or a bad value is an error naming it.</summary>
    public static (LogCsvScoringSettings Settings, string Name) Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var settings = new LogCsvScoringSettings();
        var time = settings.TimeHandling;
        var name = "log.csv";
        foreach (var (key, values) in query)
        {
            var flag = Names.FirstOrDefault(n => Normalized(n) == Normalized(key))
                ?? throw new ArgumentException($"Invalid query parameter '{key}': the parameters are {string.Join(", ", Names)}.");
            var value = Single(flag, values);
            switch (flag)
            {
                case "name": name = FileName(value); break;
                case "time": settings.Time = value; break;
                case "no-time": settings.NoTime = Boolean(flag, value); break;
                case "time-unit": time.TimeUnit = value; break;
                case "subject": settings.Subject = value; break;
                case "subject-from-file": settings.SubjectFromFile = value; break;
                case "session": settings.Session = value; break;
                case "rate": settings.Rate = Number(flag, value); break;
                case "channels": settings.Channels = value; break;
                case "units": settings.Units = value; break;
                case "malformed": settings.Malformed = Choice<MalformedRowPolicy>(flag, value); break;
                case "no-resample": time.Resample = !Boolean(flag, value); break;
                case "gap": time.GapSeconds = Number(flag, value); break;
                case "repeats": time.Repeats = Choice<RepeatedTimestampPolicy>(flag, value); break;
                case "out-of-order": time.OutOfOrder = Choice<OutOfOrderTimestampPolicy>(flag, value); break;
                case "missing": time.Missing = Choice<InvalidValuePolicy>(flag, value); break;
                case "smooth": settings.Smooth = Integer(flag, value); break;
                case "threshold": settings.Threshold = Number(flag, value); break;
            }
        }
        return (settings, name);
    }

    private static string Normalized(string name) => name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static string Single(string flag, StringValues values) => values.Count == 1 && values[0] is { } value
        ? value
        : throw new ArgumentException($"Invalid option '--{flag}': give it once (got it {values.Count} times).");

    private static string FileName(string value) => Path.GetFileName(value) is { Length: > 0 } name && name == value
        ? name
        : throw new ArgumentException($"Invalid query parameter 'name': a file name without folders (got '{value}').");

    private static bool Boolean(string flag, string value) => value.Length == 0 || (bool.TryParse(value, out var on)
        ? on
        : throw new ArgumentException($"Invalid option '--{flag}': true or false (got '{value}')."));

    private static double Number(string flag, string value) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
        ? number
        : throw new ArgumentException($"Invalid option '--{flag}': a number (got '{value}').");

    private static int Integer(string flag, string value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
        ? number
        : throw new ArgumentException($"Invalid option '--{flag}': a whole number (got '{value}').");

    private static T Choice<T>(string flag, string value) where T : struct, Enum => Enum.TryParse<T>(value, ignoreCase: true, out var choice) && Enum.IsDefined(choice)
        ? choice
        : throw new ArgumentException($"Invalid option '--{flag}': one of {string.Join(", ", Enum.GetNames<T>())} (got '{value}').");
}
