using System.CommandLine;
using Microsoft.ML;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Inspection;
using TinierHAR.Plots;

namespace TinierHAR.Cli;

/// <summary>
/// <c>inspect</c>: reads CSV logs with the flags <c>train</c> takes and reports per recording and in total what they
/// hold (time unit, intervals and rate, gaps, repeats, out-of-order rows, non-finite values, labels), with the interval
/// histogram and the class balance as pictures.
/// </summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var log = new CsvLogOptions();
        var handling = new SampleHandlingOptions();
        var output = new Option<DirectoryInfo>("--output") { Description = "Folder for inspection.txt, intervals.png and classes.png", Required = true };
        var noLabel = new Option<bool>("--no-label") { Description = "The logs have no label column" };
        var command = new Command("inspect", "Look at CSV logs before training: per recording and in total, time unit, intervals and rate, gaps, repeats, non-finite values, labels; with pictures.")
        {
            output, noLabel,
        };
        log.AddTo(command);
        command.Options.Add(handling.Unit);
        command.SetAction(parse => HarCommandLine.Run(parse, console =>
        {
            var ml = new MLContext();
            var columns = log.Columns(parse, handling);
            if (parse.GetValue(noLabel))
                columns.LabelColumnName = null;
            var samples = ml.Data.LoadSensorCsv(parse.GetValue(log.Data)!, columns);
            var inspection = ml.Data.InspectSensorLog(samples, new SensorLogInspectionOptions
            {
                ChannelColumnNames = columns.ChannelColumnNames,
                TimestampColumnName = columns.TimestampColumnName,
                TimestampUnit = TimestampUnit.Seconds,
                LabelColumnName = columns.LabelColumnName,
                GroupColumnNames = [CsvSamplesDataView.SourceColumnName, CsvSamplesDataView.SubjectColumnName, CsvSamplesDataView.SessionColumnName],
            });
            // The loader decided each file's unit: the recordings carry its decision, not the seconds it produced.
            var units = samples.LastReport!.TimestampUnits;
            var recordings = inspection.Recordings.Select(r => units.TryGetValue(r.Timing.Recording.Split('/')[0], out var unit)
                ? r with { Timing = r.Timing with { Unit = unit } } : r).ToList();
            inspection = inspection with { Recordings = recordings };
            var skipped = samples.LastReport!.RowsSkipped;
            var report = inspection.ToText() + (skipped.Count > 0 ? $"malformed lines skipped: {string.Join(", ", skipped.Select(p => $"{p.Key}: {p.Value}"))}\n" : "");

            var folder = parse.GetValue(output)!;
            folder.Create();
            AtomicFile.Write(Path.Combine(folder.FullName, "inspection.txt"), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(report)));
            HarPlots.SavePng(HarPlots.IntervalHistogram(inspection.Intervals), Path.Combine(folder.FullName, "intervals.png"));
            if (inspection.Labels.Count > 0)
                HarPlots.SavePng(HarPlots.ClassBalance(inspection.Labels), Path.Combine(folder.FullName, "classes.png"));
            console.Write(report);
            console.WriteLine($"wrote inspection.txt, intervals.png{(inspection.Labels.Count > 0 ? " and classes.png" : "")} in {folder.FullName}");
            return 0;
        }));
        return command;
    }
}
