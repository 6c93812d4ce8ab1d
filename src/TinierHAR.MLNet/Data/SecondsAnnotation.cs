using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.MLNet.Data;

/// <summary>
/// The mark a loader puts on a timestamp column whose unit it has already decided and converted to seconds (per file,
/// as <see cref="CsvSamplesDataView"/> does), so that the windowing's <see cref="TimestampUnit.Auto"/> takes the
/// seconds as they are instead of guessing the unit a second time.
/// </summary>
internal static class SecondsAnnotation
{
    private const string Kind = "TinierHAR.TimestampsInSeconds";

    /// <summary>The annotation: a boolean <c>true</c>.</summary>
    public static DataViewSchema.Annotations Create()
    {
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.Add(Kind, BooleanDataViewType.Instance, (ref bool value) => value = true);
        return annotations.ToAnnotations();
    }

    /// <summary>Whether <paramref name="column"/> carries the mark.</summary>
    public static bool IsOn(DataViewSchema.Column column)
    {
        if (column.Annotations.Schema.GetColumnOrNull(Kind) is not { Type: BooleanDataViewType } annotation)
            return false;
        var value = false;
        column.Annotations.GetGetter<bool>(annotation)(ref value);
        return value;
    }
}
