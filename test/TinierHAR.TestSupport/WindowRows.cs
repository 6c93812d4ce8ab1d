using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.TestSupport;

/// <summary>Windows held in memory as an IDataView with one <c>Features</c> column of <c>Vector&lt;Single, T, C&gt;</c>.</summary>
public static class WindowRows
{
    private sealed class Window
    {
        public float[] Features { get; set; } = [];
    }

    /// <summary>The windows of <paramref name="values"/> (T × C each, one after another) as rows.</summary>
    public static IDataView Load(MLContext ml, float[] values, int windowLength, int channels)
    {
        var size = windowLength * channels;
        var schema = SchemaDefinition.Create(typeof(Window));
        schema[nameof(Window.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, windowLength, channels);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, values.Length / size).Select(b => new Window { Features = values[(b * size)..((b + 1) * size)] }), schema);
    }
}
