namespace TinierHAR.Service.Hosting;

/// <summary>What <c>GET /v1/model</c> says of the model being served.</summary>
/// <param name="Sha256">The bundle file's SHA-256 as it was loaded.</param>
/// <param name="Version">1 for the first load, one more per reload.</param>
/// <param name="LoadedAt">When it was loaded.</param>
/// <param name="Classes">The activities, in the order of the probabilities.</param>
/// <param name="Channels">The channel columns, in the model's order.</param>
/// <param name="Units">The channels' units, where the bundle knows them.</param>
/// <param name="RateHz">The sampling rate the model was trained at.</param>
/// <param name="Window">Samples per window.</param>
/// <param name="Step">Samples between window starts.</param>
/// <param name="Timestamp">The timestamp column the bundle was trained with, if any.</param>
/// <param name="Subject">The subject column the bundle was trained with, if any.</param>
public sealed record ModelInfo(string Sha256, int Version, DateTimeOffset LoadedAt, IReadOnlyList<string> Classes, IReadOnlyList<string> Channels,
    IReadOnlyList<string>? Units, double? RateHz, int Window, int Step, string? Timestamp, string? Subject)
{
    internal static ModelInfo Of(LoadedBundle loaded)
    {
        var manifest = loaded.Bundle.Manifest;
        return new ModelInfo(loaded.Sha256, loaded.Version, loaded.LoadedAt, manifest.ClassNames, manifest.ChannelNames, manifest.ChannelUnits,
            manifest.SamplingRateHz, manifest.WindowLength, manifest.WindowStep, manifest.TimestampColumnName, manifest.SubjectColumnName);
    }
}
