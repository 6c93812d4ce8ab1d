using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Onnx;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// A trained HAR model in one <c>.zip</c>: the ML.NET model of everything after the windowing (so
/// <c>mlContext.Model.Load</c> reads the file as usual) plus a <c>TinierHAR/bundle.json</c> entry with the window
/// length and step, channel names and order, sampling rate, class names and normalisation, so that a raw sensor log
/// is scored without restating any window option. When the model contains the trained network
/// (<see cref="IHarNetworkModel"/>, as the trainer's model does), its ONNX file is kept as <c>TinierHAR/network.onnx</c>
/// too, for <see cref="ScoreLogBatched"/> and <see cref="CreateBatchedScorer"/>.
/// </summary>
public sealed class HarModelBundle : IDisposable
{
    /// <summary>The bundle layout this library writes and reads.</summary>
    public const int CurrentFormatVersion = 2;

    private const string ManifestEntry = "TinierHAR/bundle.json";
    private const string NetworkEntry = "TinierHAR/network.onnx";

    private readonly MLContext ml;

    private readonly Lazy<ITransformer> model;

    // One ONNX Runtime session per batching setting, shared by every ScoreLogBatched call (a session runs calls side by
    // side): a long-lived process, such as a service, no longer opens, and leaves to the finalizer, one per log.
    // Lazy: GetOrAdd may run its factory twice under a race, and the session it drops would never be disposed.
    private readonly ConcurrentDictionary<(int BatchSize, int ConcurrentBatches, int IntraOpThreads, GraphOptimizationLevel? Optimization), Lazy<BatchedHarScorer>> scorers = new();

    private HarModelBundle(MLContext ml, Lazy<ITransformer> model, BundleManifest manifest, byte[]? network)
    {
        this.ml = ml;
        this.model = model;
        Manifest = manifest;
        NetworkOnnx = network;
    }

    /// <summary>
    /// The ML.NET model (windows in, Score and PredictedLabel out), read from the bundle on first use: deserialising it
    /// starts an ONNX Runtime session and took about 0.7 s of a cold <c>score</c> run, which the batched path never needs.
    /// </summary>
    public ITransformer Model => model.Value;

    /// <summary>The window and channel settings.</summary>
    public BundleManifest Manifest { get; }

    /// <summary>Disposes the ML.NET model if it was read: its ONNX transformers keep their models in temporary files until then.</summary>
    public void Dispose()
    {
        if (model.IsValueCreated)
            (model.Value as IDisposable)?.Dispose();
        foreach (var scorer in scorers.Values.Where(s => s.IsValueCreated))
            scorer.Value.Dispose();
        scorers.Clear();
    }

    /// <summary>The trained network's ONNX model, where the bundle holds it (see the class remarks); null otherwise.</summary>
    public byte[]? NetworkOnnx { get; }

    /// <summary>The time every entry of a saved bundle carries: the earliest a zip can hold.</summary>
    private static readonly DateTimeOffset SaveTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Saves <paramref name="model"/> (trained on windows of <paramref name="windowSchema"/>) with its manifest.</summary>
    public static void Save(MLContext ml, ITransformer model, DataViewSchema windowSchema, BundleManifest manifest, string path)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(manifest);
        var network = (model as IHarNetworkModel) ?? (model as IEnumerable<ITransformer>)?.OfType<IHarNetworkModel>().LastOrDefault();
        using var file = new AtomicFile(path);
        ml.Model.Save(model, windowSchema, file.Stream);
        file.Stream.Position = 0;
        using (var zip = new ZipArchive(file.Stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            using (var entry = zip.CreateEntry(ManifestEntry).Open())
                JsonSerializer.Serialize(entry, manifest, WindowSpec.Json);
            if (network is not null)
            {
                using var entry = zip.CreateEntry(NetworkEntry).Open();
                entry.Write(network.OnnxModel);
            }
            // The zip's entries carry no save time, so that the same model saves to the same bytes.
            foreach (var entry in zip.Entries)
                entry.LastWriteTime = SaveTime;
        }
        file.Commit();
    }

    /// <summary>
    /// The manifest in <paramref name="json"/>. Version 1 kept the window's length, step, rate, label rule and gap as
    /// fields of their own, and no time handling: they become its <see cref="BundleManifest.Window"/>, with the default
    /// time handling that version's scoring applied.
    /// </summary>
    private static BundleManifest ReadManifest(JsonObject json)
    {
        if ((int?)json[nameof(BundleManifest.FormatVersion)] == 1 && json[nameof(BundleManifest.Window)] is null)
        {
            json[nameof(BundleManifest.Window)] = new JsonObject
            {
                [nameof(WindowSpec.Length)] = json["WindowLength"]?.DeepClone(),
                [nameof(WindowSpec.Step)] = json["WindowStep"]?.DeepClone(),
                [nameof(WindowSpec.SamplingRateHz)] = json["SamplingRateHz"]?.DeepClone(),
                [nameof(WindowSpec.LabelPolicy)] = json["LabelPolicy"]?.DeepClone() ?? nameof(WindowLabelPolicy.Majority),
                [nameof(WindowSpec.GapToleranceSeconds)] = json["GapToleranceSeconds"]?.DeepClone(),
            };
        }
        return json.Deserialize<BundleManifest>(WindowSpec.Json) ?? throw new InvalidDataException("the manifest is empty");
    }

    /// <summary>Loads a bundle; a file that is truncated, not ours or of a newer format gets a clear error.</summary>
    public static HarModelBundle Load(MLContext ml, string path)
    {
        ArgumentNullException.ThrowIfNull(ml);
        if (Directory.Exists(path))
            throw new FileNotFoundException($"Model bundle '{path}' is a directory, not a bundle file.", path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model bundle '{path}' does not exist.", path);
        // The bytes, not the path, back the lazily read ML.NET model: the file may be replaced or gone by then.
        var image = File.ReadAllBytes(path);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(image, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{path}' is not a readable model bundle (truncated, or not a zip file): {e.Message}", e);
        }
        BundleManifest manifest;
        byte[]? network = null;
        using (zip)
        {
            if (zip.GetEntry(NetworkEntry) is { } networkEntry)
            {
                using var stream = networkEntry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                network = copy.ToArray();
            }
            var entry = zip.GetEntry(ManifestEntry)
                ?? throw new InvalidDataException($"'{path}' is not a TinierHAR.MLNet model bundle: it has no {ManifestEntry}.");
            try
            {
                using var stream = entry.Open();
                manifest = ReadManifest(JsonNode.Parse(stream) as JsonObject ?? throw new InvalidDataException("the manifest is not a JSON object"));
            }
            catch (Exception e) when (e is JsonException or InvalidDataException)
            {
                throw new InvalidDataException($"'{path}': {ManifestEntry} is unreadable: {e.Message}", e);
            }
        }
        if (manifest.FormatVersion > CurrentFormatVersion || manifest.FormatVersion < 1)
            throw new InvalidDataException($"'{path}' has bundle format version {manifest.FormatVersion}; this library reads versions 1 to {CurrentFormatVersion}.");

        ml.ComponentCatalog.RegisterAssembly(typeof(ScoreArgMaxMapping).Assembly);
        var model = new Lazy<ITransformer>(() =>
        {
            try
            {
                using var stream = new MemoryStream(image, writable: false);
                return ml.Model.Load(stream, out _);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new InvalidDataException($"'{path}': the ML.NET model inside the bundle could not be loaded: {e.Message}", e);
            }
        });
        return new HarModelBundle(ml, model, manifest, network);
    }

    /// <summary>
    /// Scores a raw sensor log (one row per sample, the bundle's channel columns) with the ML.NET model, one window per
    /// ONNX Runtime call: windows it with the bundle's settings and returns one row per window with <c>Score</c>,
    /// <c>PredictedLabel</c> (key), <c>PredictedActivity</c> (text), the group columns, sample indices and, with a
    /// timestamp, the time span.
    /// </summary>
    public SensorWindowsScored ScoreLog(IDataView samples, LogScoringOptions? options = null)
    {
        var windows = Windows(samples, options ?? new LogScoringOptions());
        return new SensorWindowsScored(Named(Model.Transform(windows)), windows);
    }

    /// <summary>
    /// <see cref="ScoreLog"/> through the batched scorer (many windows per ONNX Runtime call, batches side by side):
    /// the same rows and columns, probabilities equal within 1e-6; needs a bundle that holds its network.
    /// </summary>
    public SensorWindowsScored ScoreLogBatched(IDataView samples, LogScoringOptions? options = null, BatchedHarScoringOptions? batching = null)
    {
        var windows = Windows(samples, options ?? new LogScoringOptions());
        // The bundle's own statistics, without touching the caller's options.
        var settings = batching ?? new BatchedHarScoringOptions();
        var scorer = scorers.GetOrAdd((settings.BatchSize, settings.ConcurrentBatches, settings.IntraOpThreads, settings.GraphOptimization),
            _ => new Lazy<BatchedHarScorer>(() => new BatchedHarScorer(RequireNetwork(), settings, Normalization))).Value;
        var transformer = new BatchedHarScoringEstimator(RequireNetwork(), settings, Normalization, scorer).Fit(windows);
        return new SensorWindowsScored(Named(transformer.Transform(windows)), windows);
    }

    /// <summary>A batched scorer of windows (T × C, raw: the bundle's normalisation is applied) for this bundle's network.</summary>
    public BatchedHarScorer CreateBatchedScorer(BatchedHarScorerOptions? options = null) => new(RequireNetwork(), options, Normalization);

    internal ChannelNormalization? Normalization =>
        Manifest.NormalizationMean is { } mean && Manifest.NormalizationScale is { } scale ? new ChannelNormalization(mean, scale) : null;

    internal byte[] RequireNetwork() => NetworkOnnx
        ?? throw new InvalidDataException($"This bundle holds no {NetworkEntry} (it was saved from a model without the trainer's network): "
            + "score it with ScoreLog, or save it again from the trained model.");

    private SensorWindowsDataView Windows(IDataView samples, LogScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var unknown = options.ChannelColumns.Keys.Where(k => !Manifest.ChannelNames.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"The model has no channel {string.Join(", ", unknown.Select(u => $"'{u}'"))} to map (its channels: {string.Join(", ", Manifest.ChannelNames)}).", nameof(options));
        var channels = Manifest.ChannelNames.Select(n => options.ChannelColumns.GetValueOrDefault(n) ?? n).ToArray();
        var missing = channels.Where(n => samples.Schema.GetColumnOrNull(n) is null).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"The log lacks the channel column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} that the model reads "
                + $"(in this order: {string.Join(", ", channels)}); found: {string.Join(", ", samples.Schema.Select(c => c.Name))}. Map the log's columns onto the model's channels if their names differ.", nameof(samples));
        }
        var timestamp = options.TimestampColumnName
            ?? (Manifest.TimestampColumnName is { } time && samples.Schema.GetColumnOrNull(time) is not null ? time : null);
        var otherRate = timestamp is null && options.SamplingRateHz is { } rate && Manifest.SamplingRateHz is { } trained && Math.Abs(rate - trained) > 1e-9 * trained;
        var spec = options.Window ?? Manifest.Window;
        if (options.LabelColumnName is null)
            spec = spec with { DropLabels = [] }; // labels dropped in training: a log without labels has none to drop
        OptionRules.Require(spec.ResolvedLength == Manifest.WindowLength && spec.SamplingRateHz == Manifest.SamplingRateHz, nameof(LogScoringOptions.Window),
            $"the model takes windows of {Manifest.WindowLength} samples at {Manifest.SamplingRateHz} Hz; change the step or the time handling of the bundle's Window, not its length or rate.");
        if (otherRate && !spec.Resample)
        {
            throw new ArgumentException($"The log is sampled at {options.SamplingRateHz} Hz; the model was trained at {Manifest.SamplingRateHz} Hz. "
                + "Resample the log first, or set Resample in LogScoringOptions.Window.", nameof(options));
        }

        return new SensorWindowsDataView(samples, new SensorWindowingOptions
        {
            Window = spec,
            ChannelColumnNames = channels,
            ChannelScales = Scales(options.ChannelUnits),
            InputSamplingRateHz = otherRate ? options.SamplingRateHz : null,
            GroupColumnNames = options.GroupColumnNames ?? Manifest.GroupColumnNames.Where(g => samples.Schema.GetColumnOrNull(g) is not null).ToArray(),
            TimestampColumnName = timestamp,
            LabelColumnName = options.LabelColumnName,
        });
    }

    /// <summary>The factors that convert a log in <paramref name="units"/> to the model's units; none when the log's units are not given.</summary>
    private float[] Scales(IReadOnlyList<string>? units)
    {
        if (units is null)
            return [];
        if (units.Count != Manifest.ChannelNames.Count)
            throw new ArgumentException($"Give one unit per model channel ({Manifest.ChannelNames.Count}: {string.Join(", ", Manifest.ChannelNames)}); got {units.Count}.", nameof(units));
        var trained = Manifest.ChannelUnits
            ?? throw new ArgumentException("This bundle does not record its channels' units, so a log in other units cannot be converted: train with the channel units given.", nameof(units));
        return Manifest.ChannelNames.Select((name, i) => (float)ChannelUnits.Factor(units[i], trained[i], name)).ToArray();
    }

    private IDataView Named(IDataView scored) =>
        ml.Transforms.Conversion.MapKeyToValue("PredictedActivity", "PredictedLabel").Fit(scored).Transform(scored);
}
