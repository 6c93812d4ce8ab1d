using System.Reflection;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace TinierHAR.MLNet.Onnx;

/// <summary>
/// A small builder over the ONNX protobuf classes: initializers, nodes with typed attributes, graph inputs and
/// outputs with a symbolic batch dimension, and the model with its opsets and metadata.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>Default-domain opset of every exported model (Softmax on one axis needs 13 or later).</summary>
    public const long Opset = 17;

    /// <summary>ONNX IR version written.</summary>
    public const long IrVersion = 8;

    /// <summary>Name of the symbolic batch dimension.</summary>
    public const string BatchDimension = "N";

    private const string MlDomain = "ai.onnx.ml";
    private readonly GraphProto graph;
    private readonly Dictionary<string, int> counters = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string name) => graph = new GraphProto { Name = name };

    /// <summary>A fresh value name derived from <paramref name="hint"/>.</summary>
    public string Fresh(string hint)
    {
        counters.TryGetValue(hint, out var n);
        counters[hint] = n + 1;
        return n == 0 ? hint : $"{hint}_{n}";
    }

    /// <summary>Adds a float initializer and returns its name.</summary>
    public string Floats(string hint, float[] values, params long[] dims) => AddInitializer(hint, TensorProto.Types.DataType.Float, values, dims);

    /// <summary>Adds an int64 initializer (shapes, axes, indices) and returns its name; no dims makes a scalar.</summary>
    public string Int64s(string hint, long[] values, params long[] dims) => AddInitializer(hint, TensorProto.Types.DataType.Int64, values, dims);

    private string AddInitializer<T>(string hint, TensorProto.Types.DataType type, T[] values, long[] dims) where T : unmanaged
    {
        var tensor = Tensor(Fresh(hint), type, values, dims);
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A tensor holding <paramref name="values"/> as raw (little-endian) data; no dims makes a scalar.</summary>
    public static TensorProto Tensor<T>(string name, TensorProto.Types.DataType type, T[] values, params long[] dims) where T : unmanaged
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    /// <summary>Adds a node with one output (named <paramref name="output"/> or a fresh name) and returns the output.</summary>
    public string Node(string opType, IEnumerable<string> inputs, string? output = null, params (string Name, object Value)[] attributes)
    {
        var result = output ?? Fresh(opType.ToLowerInvariant());
        var node = new NodeProto { OpType = opType, Name = Fresh("node_" + opType) };
        node.Input.AddRange(inputs);
        node.Output.Add(result);
        foreach (var (name, value) in attributes)
            node.Attribute.Add(Attribute(name, value));
        graph.Node.Add(node);
        return result;
    }

    /// <summary>
    /// Records class names the way ML.NET's OnnxTransformer reads slot names: a node named
    /// <c>mlnet.{column}.SlotNames</c> with a <c>keys_strings</c> attribute (an ai.onnx.ml LabelEncoder on a constant,
    /// whose output nothing uses).
    /// </summary>
    public void SlotNames(string column, IReadOnlyList<string> names)
    {
        var keys = Fresh($"{column}_slot_names");
        var tensor = new TensorProto { Name = keys, DataType = (int)TensorProto.Types.DataType.String };
        tensor.Dims.Add(names.Count);
        tensor.StringData.AddRange(names.Select(ByteString.CopyFromUtf8));
        graph.Initializer.Add(tensor);
        var node = new NodeProto { OpType = "LabelEncoder", Domain = MlDomain, Name = $"mlnet.{column}.SlotNames" };
        node.Input.Add(keys);
        node.Output.Add(Fresh($"{column}_slot_indices"));
        node.Attribute.Add(Attribute("keys_strings", names.ToArray()));
        node.Attribute.Add(Attribute("values_int64s", Enumerable.Range(0, names.Count).Select(i => (long)i).ToArray()));
        graph.Node.Add(node);
    }

    /// <summary>Declares a float graph input; a null dimension is the symbolic batch dimension.</summary>
    public void Input(string name, params long?[] dims) => graph.Input.Add(ValueInfo(name, dims));

    /// <summary>Declares a float graph output; a null dimension is the symbolic batch dimension.</summary>
    public void Output(string name, params long?[] dims) => graph.Output.Add(ValueInfo(name, dims));

    /// <summary>Serialises the model with its metadata.</summary>
    public byte[] ToBytes(IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "TinierHAR.MLNet",
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = MlDomain, Version = 3 });
        foreach (var (key, value) in metadata)
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model.ToByteArray();
    }

    private static ValueInfoProto ValueInfo(string name, long?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is { } value
                ? new TensorShapeProto.Types.Dimension { DimValue = value }
                : new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    private static AttributeProto Attribute(string name, object value)
    {
        var attribute = new AttributeProto { Name = name };
        switch (value)
        {
            case int i: attribute.Type = AttributeProto.Types.AttributeType.Int; attribute.I = i; break;
            case long l: attribute.Type = AttributeProto.Types.AttributeType.Int; attribute.I = l; break;
            case float f: attribute.Type = AttributeProto.Types.AttributeType.Float; attribute.F = f; break;
            case string s: attribute.Type = AttributeProto.Types.AttributeType.String; attribute.S = ByteString.CopyFromUtf8(s); break;
            case long[] ls: attribute.Type = AttributeProto.Types.AttributeType.Ints; attribute.Ints.AddRange(ls); break;
            case string[] ss: attribute.Type = AttributeProto.Types.AttributeType.Strings; attribute.Strings.AddRange(ss.Select(ByteString.CopyFromUtf8)); break;
            default: throw new ArgumentException($"Unsupported attribute type {value.GetType().Name} for '{name}'.", nameof(value));
        }
        return attribute;
    }
}
