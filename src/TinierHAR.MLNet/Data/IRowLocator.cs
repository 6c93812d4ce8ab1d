namespace TinierHAR.MLNet.Data;

/// <summary>A cursor that can say where a recent row came from (file and line), for errors found downstream.</summary>
internal interface IRowLocator
{
    /// <summary>Where row <paramref name="row"/> (0-based, as delivered) came from, such as "'a.csv' line 12".</summary>
    string Locate(long row);
}
