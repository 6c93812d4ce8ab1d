using Microsoft.ML;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Scoring;

/// <summary>Scored windows of a log, with the windowing report available after a pass.</summary>
/// <param name="Predictions">One row per window.</param>
/// <param name="Windows">The windows (their <see cref="Data.StreamingDataView{TReport}.LastReport"/> counts rows read and not covered).</param>
public sealed record SensorWindowsScored(IDataView Predictions, SensorWindowsDataView Windows);
