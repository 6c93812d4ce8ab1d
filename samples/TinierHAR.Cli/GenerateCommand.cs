using System.CommandLine;
using System.Globalization;
using TinierHAR.MLNet.Data;

namespace TinierHAR.Cli;

/// <summary><c>generate</c>: a synthetic labelled IMU log as CSV (for trying <c>train</c>, <c>evaluate</c> and <c>score</c>, and for benchmarks).</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--output") { Description = "The CSV file (.csv or .csv.gz)", Required = true };
        var subjects = new Option<int>("--subjects") { Description = "Subjects", DefaultValueFactory = _ => 10 };
        var hours = new Option<double?>("--hours") { Description = "Hours per subject (about; sets the number of bouts)" };
        var rate = new Option<double>("--rate") { Description = "Sampling rate in Hz", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Seed", DefaultValueFactory = _ => 1 };
        var timeUnit = new Option<string>("--time-unit") { Description = "How the Time column is written: s, ms, us, ns or datetime", DefaultValueFactory = _ => "s" };
        var clockStart = new Option<DateTimeOffset?>("--clock-start") { Description = "Time since the epoch, the recordings starting at this date-time (default: time since each subject's start)" };
        var jitter = new Option<double>("--jitter") { Description = "Device fault: timestamps off their ticks by up to this many seconds" };
        var drop = new Option<double>("--drop") { Description = "Device fault: fraction of samples dropped" };
        var repeat = new Option<double>("--repeat") { Description = "Device fault: fraction of samples stamped with the previous timestamp" };
        var secondRate = new Option<double?>("--second-rate") { Description = "Device fault: every other subject recorded at this rate (Hz)" };
        var command = new Command("generate", "Write synthetic waist-IMU recordings (Subject, Time, AccX..GyroZ, Activity) as a CSV log, optionally with a device's faults.")
        {
            output, subjects, hours, rate, seed, timeUnit, clockStart, jitter, drop, repeat, secondRate,
        };
        command.SetAction(parse => HarCommandLine.Run(parse, console =>
        {
            var unit = TimestampUnitNames.Parse(parse.GetValue(timeUnit)!);
            if (unit == TimestampUnit.Auto)
                throw new ArgumentException("Invalid option '--time-unit': say how to write the times (s, ms, us, ns or datetime).");
            var options = new SyntheticImuOptions
            {
                Subjects = parse.GetValue(subjects),
                SamplingRateHz = parse.GetValue(rate),
                Seed = parse.GetValue(seed),
                TimeUnit = unit,
                ClockStart = parse.GetValue(clockStart),
                TimestampJitterSeconds = parse.GetValue(jitter),
                DroppedSampleFraction = parse.GetValue(drop),
                RepeatedTimestampFraction = parse.GetValue(repeat),
                SecondSamplingRateHz = parse.GetValue(secondRate),
            };
            if (parse.GetValue(hours) is { } h)
                options.BoutsPerSubject = Math.Max(1, (int)Math.Round(h * 3600 / ((options.MinBoutSeconds + options.MaxBoutSeconds) / 2)));
            var file = parse.GetValue(output)!;
            var log = SyntheticImuCsv.Write(file.FullName, options);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {log.Rows:N0} samples ({log.Seconds / 3600:0.00} h) of {options.Subjects} subject(s) to {file.FullName}"));
            return 0;
        }));
        return command;
    }
}
