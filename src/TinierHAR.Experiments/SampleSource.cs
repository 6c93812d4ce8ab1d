using Microsoft.ML;
using TinierHAR.MLNet.Data;

namespace TinierHAR.Experiments;

/// <summary>Where the samples of a <see cref="HoldOutExperiment"/> come from and which columns hold what.</summary>
/// <param name="Samples">One row per sample, with a text <c>Subject</c> column.</param>
/// <param name="Channels">Channel columns, in order.</param>
/// <param name="Label">Label column (text).</param>
/// <param name="Time">Timestamp column (seconds), or null: samples evenly spaced at <paramref name="Rate"/>.</param>
/// <param name="Groups">Columns that separate recordings (Subject first).</param>
/// <param name="Rate">Sampling rate of the windows in Hz (each recording is resampled to it from its timestamps).</param>
/// <param name="ClassNames">The classes in key order, or null for the labels' sorted values.</param>
/// <param name="ChannelUnits">Units of the channels, kept in the bundle, when known.</param>
public sealed record SampleSource(IDataView Samples, IReadOnlyList<string> Channels, string Label, string? Time, IReadOnlyList<string> Groups, double Rate,
    IReadOnlyList<string>? ClassNames = null, IReadOnlyList<string>? ChannelUnits = null)
{
    /// <summary>The synthetic waist IMU of <see cref="SyntheticImuGenerator"/>.</summary>
    public static SampleSource Synthetic(MLContext ml, int subjects, int seed, double rate = 50) => new(
        ml.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = subjects, SamplingRateHz = rate, Seed = seed })),
        ImuSample.ChannelNames, nameof(ImuSample.Activity), nameof(ImuSample.Time), [nameof(ImuSample.Subject)], rate, SyntheticImuGenerator.Activities,
        ImuSample.ChannelUnits);

    /// <summary>
    /// CSV logs read by <see cref="HarCatalog.LoadSensorCsv"/> (a file, folder or pattern) with <paramref name="columns"/>
    /// (which must name a label); sessions (files) separate recordings too. Timestamps are read as seconds.
    /// </summary>
    public static SampleSource Csv(MLContext ml, string path, CsvSampleOptions columns, double rate)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var label = columns.LabelColumnName ?? throw new ArgumentException("Training needs a label column.", nameof(columns));
        return new(ml.Data.LoadSensorCsv(path, columns), columns.ChannelColumnNames, label, columns.TimestampColumnName,
            [CsvSamplesDataView.SubjectColumnName, CsvSamplesDataView.SessionColumnName], rate);
    }

    /// <summary>What reading the CSV logs of <see cref="Csv"/> reported (files, rows read and skipped, time units), once a pass has read them to the end; null for other sources.</summary>
    public CsvReadReport? CsvReport => (Samples as CsvSamplesDataView)?.LastReport;
}
