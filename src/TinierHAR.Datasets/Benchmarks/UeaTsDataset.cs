using System.Globalization;
using TinierHAR.Datasets.Formats;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// A problem of the UEA/sktime multivariate archive in its <c>.ts</c> format (<c>{Problem}_TRAIN.ts</c>,
/// <c>{Problem}_TEST.ts</c>): <c>#</c> comments, <c>@</c> headers, then one pre-cut case per line (dimensions separated by
/// ':', values by ',', '?' missing, the class label last). Each case is its own segment and W is the series length,
/// so every case is one window; the TRAIN cases are subject 1, the TEST cases subject 2, and the one fold tests TEST.
/// </summary>
internal sealed class UeaTsDataset : HarDataset
{
    private readonly string problem;

    private UeaTsDataset(string problem, int dimensions, int seriesLength, IReadOnlyList<string> classes, double rate)
    {
        this.problem = problem;
        ChannelNames = Enumerable.Range(0, dimensions).Select(d => $"dim_{d}").ToArray();
        LabelNames = classes;
        WindowLength = seriesLength;
        SamplingRateHz = rate;
    }

    /// <summary>The problem in <paramref name="folder"/> (its <c>*_TRAIN.ts</c> names it), read from the header; the
    /// format does not record a rate, so give it (BasicMotions: 10 Hz).</summary>
    public static UeaTsDataset Open(string folder, double samplingRateHz = 1)
    {
        var root = new DatasetFolder(folder, "UEA .ts");
        var train = root.List().FirstOrDefault(f => f.Name.EndsWith("_TRAIN.ts", StringComparison.OrdinalIgnoreCase));
        if (train.Path is null)
            throw new FileNotFoundException($"'{folder}' is not a UEA .ts problem folder: no '<Problem>_TRAIN.ts' file is there.");
        var header = TsHeader.Read(train.Path);
        return new UeaTsDataset(train.Name[..^"_TRAIN.ts".Length], header.Dimensions, header.SeriesLength, header.Classes, samplingRateHz);
    }

    /// <inheritdoc />
    public override string Key => $"uea-{problem.ToLowerInvariant()}";

    /// <inheritdoc />
    public override string Name => problem;

    /// <inheritdoc />
    public override double SamplingRateHz { get; }

    /// <inheritdoc />
    public override int WindowLength { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; }

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } = [[2]];

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        foreach (var (split, subject) in new[] { ("TRAIN", 1), ("TEST", 2) })
        {
            var path = folder.Require($"{problem}_{split}.ts");
            tally.Files++;
            var header = TsHeader.Read(path);
            if (header.Dimensions != ChannelNames.Count || header.SeriesLength != WindowLength || !header.Classes.SequenceEqual(LabelNames))
                throw new InvalidDataException($"{path}: its header ({header.Dimensions} dimensions, length {header.SeriesLength}) differs from the TRAIN file's.");
            using var text = new TextRecords(path, FieldSplit.Comma, tally);
            var inData = false;
            var caseIndex = 0;
            while (text.Next())
            {
                var line = text.Line.Trim();
                if (!inData)
                {
                    inData = line.StartsWith("@data", StringComparison.OrdinalIgnoreCase);
                    continue;
                }
                var dims = line.Split(':');
                if (dims.Length != ChannelNames.Count + 1)
                    throw text.Malformed(0, $"a case needs {ChannelNames.Count} dimensions and a class label separated by ':'; it has {dims.Length} part(s)");
                var values = new float[WindowLength * ChannelNames.Count];
                for (var d = 0; d < ChannelNames.Count; d++)
                {
                    var series = dims[d].Split(',');
                    if (series.Length != WindowLength)
                        throw text.Malformed(0, $"dimension {d} has {series.Length} values; the series length is {WindowLength}");
                    for (var t = 0; t < WindowLength; t++)
                    {
                        values[t * ChannelNames.Count + d] = series[t].Trim() == "?" ? float.NaN
                            : float.TryParse(series[t], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                            : throw text.Malformed(0, $"dimension {d}, value {t + 1}: '{series[t]}' is not a number");
                    }
                }
                var label = LabelNames.IndexOf(dims[^1].Trim());
                yield return new Recording(subject, $"{split}_{caseIndex++}", values, Enumerable.Repeat(label, WindowLength).ToArray());
            }
        }
    }

    /// <summary>The <c>@</c> header lines a loader needs.</summary>
    private sealed record TsHeader(int Dimensions, int SeriesLength, IReadOnlyList<string> Classes)
    {
        public static TsHeader Read(string path)
        {
            int? dimensions = null, length = null;
            IReadOnlyList<string>? classes = null;
            using var reader = new StreamReader(DatasetFolder.Open(path));
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                var words = line.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0 || !words[0].StartsWith('@')) continue;
                switch (words[0].ToLowerInvariant())
                {
                    case "@dimensions": dimensions = int.Parse(words[1], CultureInfo.InvariantCulture); break;
                    case "@serieslength": length = int.Parse(words[1], CultureInfo.InvariantCulture); break;
                    case "@equallength" when words[1] == "false":
                        throw new NotSupportedException($"{path}:{lineNumber}: unequal-length series are not supported (one window per case needs one length).");
                    case "@classlabel": classes = words.Length > 2 && words[1] == "true" ? words[2..] : throw new InvalidDataException($"{path}:{lineNumber}: the problem has no class labels."); break;
                    case "@data":
                        return new TsHeader(dimensions ?? 1, length ?? throw new InvalidDataException($"{path}: the header has no @seriesLength."),
                            classes ?? throw new InvalidDataException($"{path}: the header has no @classLabel."));
                }
            }
            throw new InvalidDataException($"{path}: no @data line; not a .ts file.");
        }
    }
}
