using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.TestSupport;

/// <summary>
/// Compares an estimator's <c>GetOutputSchema</c> with the schema its fitted transformer really produces, the way
/// ML.NET derives a shape from a schema: visible columns by name, vector kind, item type (key types by raw type),
/// and the names, kinds and item types of their annotations.
/// </summary>
public static class SchemaShapeAssert
{
    public static void Matches(SchemaShape predicted, DataViewSchema actual, string estimator)
    {
        var expected = actual.Where(c => !c.IsHidden).ToDictionary(c => c.Name, c => Describe(c.Type, c.Annotations));
        var got = predicted.ToDictionary(c => c.Name, Describe);
        CollectionAssert.AreEquivalent(expected.Keys.ToArray(), got.Keys.ToArray(), $"{estimator}: column names (predicted {string.Join(", ", got.Keys)}; produced {string.Join(", ", expected.Keys)})");
        foreach (var (name, description) in expected)
            Assert.AreEqual(description, got[name], $"{estimator}: column '{name}'");
    }

    private static string Describe(DataViewType type, DataViewSchema.Annotations annotations)
    {
        var (kind, item) = type is VectorDataViewType vector ? (vector.IsKnownSize ? "Vector" : "VariableVector", (DataViewType)vector.ItemType) : ("Scalar", type);
        var annotationText = string.Join(", ", annotations.Schema.Select(a => $"{a.Name}: {Describe(a.Type, new DataViewSchema.Annotations.Builder().ToAnnotations())}"));
        return $"{kind} {Item(item)} [{annotationText}]";
    }

    private static string Describe(SchemaShape.Column column)
    {
        var annotationText = string.Join(", ", column.Annotations.Select(a => $"{a.Name}: {a.Kind} {Item(a.ItemType, a.IsKey)} []"));
        return $"{column.Kind} {Item(column.ItemType, column.IsKey)} [{annotationText}]";
    }

    // A shape keeps a key column as its raw item type with IsKey set (no count).
    private static string Item(DataViewType type, bool isKey = false) =>
        type is KeyDataViewType || isKey ? $"Key<{type.RawType.Name}>" : type.ToString() ?? type.GetType().Name;
}
