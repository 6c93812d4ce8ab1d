using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Evaluation;
using TinierHAR.MLNet.Normalization;
using TinierHAR.MLNet.Windowing;
using TinierHAR.Trainer;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Quickstart;

/// <summary>
/// The quickstart's experiment: synthetic subjects, the last three held out; 2.56 s windows (128 samples at 50 Hz),
/// 50 % overlap, never across subjects; normalisation fitted on the training windows; TinierHAR with the paper's
/// protocol; metrics on the held-out subjects.
/// </summary>
public sealed class SyntheticHoldOut
{
    /// <summary>Sampling rate of the synthetic data.</summary>
    public const double Rate = 50;

    private SyntheticHoldOut() { }

    /// <summary>The fitted chain: normalisation, then the TinierHAR model.</summary>
    public required TransformerChain<TinierHarModel> Model { get; init; }

    /// <summary>Metrics on the held-out subjects' windows.</summary>
    public required HarMetrics Metrics { get; init; }

    /// <summary>The windowing used for training, testing and scoring.</summary>
    public required SensorWindowingOptions Windowing { get; init; }

    /// <summary>Maps the activity text to the key-typed Label.</summary>
    public required ITransformer LabelToKey { get; init; }

    /// <summary>Schema of the training windows (what the saved model takes).</summary>
    public required DataViewSchema WindowSchema { get; init; }

    /// <summary>What windowing did to the training and test samples.</summary>
    public required (WindowingReport Train, WindowingReport Test) Reports { get; init; }

    /// <summary>The held-out subjects.</summary>
    public required IReadOnlyList<string> HeldOutSubjects { get; init; }

    /// <summary>Runs the experiment.</summary>
    public static SyntheticHoldOut Run(MLContext ml, int subjects, int epochs, int seed, IProgress<EpochReport>? progress = null)
    {
        var heldOut = Enumerable.Range(subjects - 2, 3).Select(s => $"subject{s:D2}").ToArray();
        var samples = ml.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = subjects, SamplingRateHz = Rate, Seed = seed }));
        var trainSamples = ml.Data.FilterByCustomPredicate<ImuSample>(samples, s => heldOut.Contains(s.Subject));
        var testSamples = ml.Data.FilterByCustomPredicate<ImuSample>(samples, s => !heldOut.Contains(s.Subject));

        var windowing = new SensorWindowingOptions
        {
            ChannelColumnNames = ImuSample.ChannelNames, WindowLength = 128, Step = 64, SamplingRateHz = Rate,
            LabelColumnName = nameof(ImuSample.Activity), GroupColumnNames = [nameof(ImuSample.Subject)], TimestampColumnName = nameof(ImuSample.Time),
        };
        var keyData = ml.Data.LoadFromEnumerable(SyntheticImuGenerator.Activities.Select(a => new ActivityName { Value = a }));
        var trainView = ml.Data.WindowSensorSamples(trainSamples, windowing);
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label", nameof(ImuSample.Activity), keyData: keyData).Fit(trainView);
        var trainWindows = ml.Data.Cache(toKey.Transform(trainView));
        var testView = ml.Data.WindowSensorSamples(testSamples, windowing);
        var testWindows = ml.Data.Cache(toKey.Transform(testView));

        var model = ml.Transforms.NormalizeSensorChannels()
            .Append(ml.MulticlassClassification.Trainers.TinierHar(new TinierHarTrainer.Options
            {
                Network = new TinierHarOptions(), MaxEpochs = epochs, Seed = seed, Progress = progress,
            }))
            .Fit(trainWindows);
        return new SyntheticHoldOut
        {
            Model = model,
            Metrics = HarMetrics.Evaluate(model.Transform(testWindows)),
            Windowing = windowing,
            LabelToKey = toKey,
            WindowSchema = trainWindows.Schema,
            Reports = (trainView.LastReport!, testView.LastReport!),
            HeldOutSubjects = heldOut,
        };
    }

    private sealed class ActivityName
    {
        public string Value { get; set; } = "";
    }
}
