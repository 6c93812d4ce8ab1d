using TinierHAR.MLNet.Windowing;

namespace TinierHAR.Datasets;

/// <summary>
/// A HAR benchmark as the TinierHAR authors read it: its original files, channels, label map, drop list, sampling
/// rate, window length and folds. Subclasses only read recordings; loading, filtering and the sample IDataView are shared.
/// </summary>
public abstract class HarDataset
{
    /// <summary>Short key (the authors' config key): <c>hapt</c>, <c>dg</c>, …</summary>
    public abstract string Key { get; }

    /// <summary>Display name.</summary>
    public abstract string Name { get; }

    /// <summary>Sampling rate of the delivered rows, in Hz (after any decimation or resampling of the loader).</summary>
    public abstract double SamplingRateHz { get; }

    /// <summary>The rate the authors configure for the window length, when it differs from the true rate (PAMAP2, Skoda: 33).</summary>
    public virtual double ConfiguredRateHz => SamplingRateHz;

    /// <summary>Window length in seconds: 4 everywhere but UCI-HAR.</summary>
    public virtual double WindowSeconds => 4;

    /// <summary>Window length W = int(seconds × configured rate), as the authors compute it.</summary>
    public virtual int WindowLength => (int)(WindowSeconds * ConfiguredRateHz + 1e-9);

    /// <summary>Window step: floor(W / 2).</summary>
    public int Step => WindowLength / 2;

    /// <summary>Channel column names, in the order the model receives them.</summary>
    public abstract IReadOnlyList<string> ChannelNames { get; }

    /// <summary>Every internal label id's name, in id order (dropped ones included): the key values of the Label column.</summary>
    public abstract IReadOnlyList<string> LabelNames { get; }

    /// <summary>Labels whose windows are dropped after the majority vote.</summary>
    public virtual IReadOnlyList<string> DroppedLabels => [];

    /// <summary>The training classes: the labels that are kept, in id order.</summary>
    public IReadOnlyList<string> ClassNames => LabelNames.Where(l => !DroppedLabels.Contains(l)).ToArray();

    /// <summary>Test subjects of each fold (for <see cref="FoldScheme.ShuffledSlices"/>: the number of slices, subjects empty).</summary>
    public abstract IReadOnlyList<IReadOnlyList<int>> Folds { get; }

    /// <summary>Every subject of the dataset's key list (training uses all but the fold's test subjects).</summary>
    public virtual IReadOnlyList<int> Subjects => Folds.SelectMany(f => f).Distinct().Order().ToArray();

    /// <summary>How the folds are formed.</summary>
    public virtual FoldScheme FoldScheme => FoldScheme.LeaveSubjectsOut;

    /// <summary>Reads the recordings present under <paramref name="folder"/>, in the authors' order.</summary>
    internal abstract IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally);

    /// <summary>The fold's test subjects and the subjects that train (every other subject of the dataset's key list).</summary>
    public IReadOnlyList<int> TestSubjects(int fold) => fold >= 1 && fold <= Folds.Count
        ? Folds[fold - 1]
        : throw new ArgumentOutOfRangeException(nameof(fold), $"{Name} has folds 1 to {Folds.Count}; fold {fold} does not exist.");

    /// <summary>The authors' windowing of this dataset's sample rows: W, a 50 % step, majority labels with the drop list
    /// applied after the vote, never across sessions (segments).</summary>
    public SensorWindowingOptions WindowingOptions() => new()
    {
        ChannelColumnNames = ChannelNames,
        WindowLength = WindowLength,
        Step = Step,
        LabelColumnName = DatasetSamplesDataView.LabelColumnName,
        DropLabels = DroppedLabels,
        GroupColumnNames = [DatasetSamplesDataView.SubjectColumnName, DatasetSamplesDataView.SessionColumnName],
    };

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Key}): {ChannelNames.Count} channels at {SamplingRateHz:0.##} Hz, W {WindowLength}, {ClassNames.Count} classes, {Folds.Count} folds";
}
