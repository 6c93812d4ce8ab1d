using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.MLNet;

/// <summary>
/// Exact output shapes for the estimators' <c>GetOutputSchema</c>. <see cref="SchemaShape.Column"/> has no public
/// constructor, so a shape is made the way ML.NET makes it from a real schema: <c>SchemaShape.Create(DataViewSchema)</c>
/// (internal in the pinned Microsoft.ML 6.0.0, reached by name) over a schema built with the same column types and
/// annotation types. A shape keeps no vector sizes and no annotation values, so placeholders stand in for them.
/// </summary>
internal static class SchemaShapes
{
    private static readonly MethodInfo CreateShape = typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.NonPublic, [typeof(DataViewSchema)])
        ?? throw new MissingMethodException("SchemaShape.Create(DataViewSchema) is missing from this Microsoft.ML version.");

    private static readonly MethodInfo AddDefaultAnnotation = typeof(SchemaShapes).GetMethod(nameof(AddDefault), BindingFlags.Static | BindingFlags.NonPublic)!;

    /// <summary>The shape ML.NET derives from <paramref name="schema"/>.</summary>
    public static SchemaShape ShapeOf(DataViewSchema schema) => (SchemaShape)CreateShape.Invoke(null, [schema])!;

    /// <summary>The input column <paramref name="name"/>, or an error naming it, its role and the columns there are.</summary>
    public static SchemaShape.Column Require(SchemaShape input, string name, string role)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = input.FirstOrDefault(c => c.Name == name);
        return column.Name is not null
            ? column
            : throw new ArgumentOutOfRangeException(name, $"The input has no {role} column '{name}' (columns: {string.Join(", ", input.Select(c => c.Name))}).");
    }

    /// <summary>Adds a column whose shape is <paramref name="column"/>'s (placeholder vector size and annotation values).</summary>
    public static void AddLike(DataViewSchema.Builder builder, SchemaShape.Column column, string? name = null)
    {
        // A shape keeps a key column as its raw item type with IsKey set, and no key count.
        var item = column.IsKey ? new KeyDataViewType(column.ItemType.RawType, 1) : (PrimitiveDataViewType)column.ItemType;
        DataViewType type = column.Kind switch
        {
            SchemaShape.Column.VectorKind.Scalar => item,
            SchemaShape.Column.VectorKind.Vector => new VectorDataViewType(item, 1),
            _ => new VectorDataViewType(item),
        };
        var annotations = new DataViewSchema.Annotations.Builder();
        foreach (var annotation in column.Annotations)
        {
            var annotationType = annotation.Kind == SchemaShape.Column.VectorKind.Scalar ? annotation.ItemType
                : new VectorDataViewType((PrimitiveDataViewType)annotation.ItemType, annotation.Kind == SchemaShape.Column.VectorKind.Vector ? 1 : 0);
            AddDefaultAnnotation.MakeGenericMethod(annotationType.RawType).Invoke(null, [annotations, annotation.Name, annotationType]);
        }
        builder.AddColumn(name ?? column.Name, type, annotations.ToAnnotations());
    }

    private static void AddDefault<T>(DataViewSchema.Annotations.Builder annotations, string name, DataViewType type) =>
        annotations.Add(name, type, (ref T value) => value = default!);
}
