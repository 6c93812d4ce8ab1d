namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// A stage cursor that can hand its rows on as <see cref="SampleRow"/>s, so that the next stage takes them as they are
/// instead of reading each column back through getters.
/// </summary>
internal interface ISampleRowSource
{
    /// <summary>The next row, or null at the end.</summary>
    SampleRow? NextRow();
}
