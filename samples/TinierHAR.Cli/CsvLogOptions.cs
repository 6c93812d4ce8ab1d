using System.CommandLine;
using TinierHAR.MLNet.Data;

namespace TinierHAR.Cli;

/// <summary>The options naming a labelled CSV log's columns, shared by <c>train</c> and <c>evaluate</c>.</summary>
internal sealed class CsvLogOptions
{
    public Option<string> Data { get; } = new("--data") { Description = "A CSV log (.csv, .csv.gz), a folder of them, or a pattern such as 'logs/*.csv'", Required = true };
    public Option<string> Channels { get; } = new("--channels") { Description = "Comma-separated channel columns", DefaultValueFactory = _ => string.Join(",", ImuSample.ChannelNames) };
    public Option<string> Label { get; } = new("--label") { Description = "The label column", DefaultValueFactory = _ => "Activity" };
    public Option<string> Subject { get; } = new("--subject") { Description = "The subject column", DefaultValueFactory = _ => "Subject" };
    public Option<string?> SubjectFromFile { get; } = new("--subject-from-file") { Description = "No subject column: a regular expression whose first group (or match) in each file name is the subject, such as 'S\\d+'" };
    public Option<string> Time { get; } = new("--time") { Description = "The timestamp column (\"\" for none: samples evenly spaced at --rate)", DefaultValueFactory = _ => "Time" };
    public Option<double> Rate { get; } = new("--rate") { Description = "The model's sampling rate in Hz: each recording is resampled to it from its timestamps", DefaultValueFactory = _ => 50 };
    public Option<MalformedRowPolicy> Malformed { get; } = new("--malformed") { Description = "Malformed lines: Error (stop, naming file and line) or Skip (count them)", DefaultValueFactory = _ => MalformedRowPolicy.Error };

    /// <summary>Adds the options; <c>--channels</c> only where the channels are not the model's.</summary>
    public void AddTo(Command command, bool withChannels = true)
    {
        foreach (var option in new Option[] { Data, Channels, Label, Subject, SubjectFromFile, Time, Rate, Malformed })
        {
            if (withChannels || option != Channels)
                command.Options.Add(option);
        }
    }

    /// <summary>The CSV columns of a labelled log; <paramref name="channels"/> where they are the model's.</summary>
    public CsvSampleOptions Columns(ParseResult parse, SampleHandlingOptions handling, IReadOnlyList<string>? channels = null) => new()
    {
        ChannelColumnNames = channels ?? ChannelList(parse),
        LabelColumnName = parse.GetValue(Label),
        SubjectColumnName = parse.GetValue(SubjectFromFile) is null ? parse.GetValue(Subject) : null,
        SubjectFileNamePattern = parse.GetValue(SubjectFromFile),
        TimestampColumnName = TimeColumn(parse),
        TimestampUnit = handling.TimeUnit(parse),
        MalformedRows = parse.GetValue(Malformed),
    };

    /// <summary>The timestamp column, or null when the user says there is none.</summary>
    public string? TimeColumn(ParseResult parse) => parse.GetValue(Time) is { Length: > 0 } name && name != "none" ? name : null;

    public IReadOnlyList<string> ChannelList(ParseResult parse) =>
        parse.GetValue(Channels)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
