using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.MLNet.Data;

/// <summary>
/// ML.NET's text annotations of a column: the values of a key column (<c>KeyValues</c>, what MapKeyToValue and the
/// metrics read) and the names of a vector's slots (<c>SlotNames</c>).
/// </summary>
public static class NameAnnotations
{
    /// <summary>Key values: key k + 1 stands for <paramref name="names"/>[k].</summary>
    public static DataViewSchema.Annotations KeyValues(IReadOnlyList<string> names) => Of("KeyValues", names);

    /// <summary>Slot names: slot k is <paramref name="names"/>[k].</summary>
    public static DataViewSchema.Annotations SlotNames(IReadOnlyList<string> names) => Of("SlotNames", names);

    private static DataViewSchema.Annotations Of(string kind, IReadOnlyList<string> names)
    {
        var values = names.Select(n => n.AsMemory()).ToArray();
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.Add(kind, new VectorDataViewType(TextDataViewType.Instance, values.Length),
            (ref VBuffer<ReadOnlyMemory<char>> value) => value = new VBuffer<ReadOnlyMemory<char>>(values.Length, (ReadOnlyMemory<char>[])values.Clone()));
        return annotations.ToAnnotations();
    }
}
