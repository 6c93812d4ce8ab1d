namespace TinierHAR.Datasets.Formats.Mat;

/// <summary>MATLAB array classes (the <c>mxCLASS</c> codes of the level-5 format).</summary>
internal enum MatClass
{
    /// <summary>Cell array (read as a placeholder).</summary>
    Cell = 1,
    /// <summary>Structure (read as a placeholder).</summary>
    Struct = 2,
    /// <summary>Object (read as a placeholder).</summary>
    Object = 3,
    /// <summary>Character array.</summary>
    Char = 4,
    /// <summary>Sparse array (read as a placeholder).</summary>
    Sparse = 5,
    /// <summary>double.</summary>
    Double = 6,
    /// <summary>single.</summary>
    Single = 7,
    /// <summary>int8.</summary>
    Int8 = 8,
    /// <summary>uint8.</summary>
    UInt8 = 9,
    /// <summary>int16.</summary>
    Int16 = 10,
    /// <summary>uint16.</summary>
    UInt16 = 11,
    /// <summary>int32.</summary>
    Int32 = 12,
    /// <summary>uint32.</summary>
    UInt32 = 13,
    /// <summary>int64.</summary>
    Int64 = 14,
    /// <summary>uint64.</summary>
    UInt64 = 15,
}
