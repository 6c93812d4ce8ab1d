namespace TinierHAR.MLNet.Windowing;

/// <summary>How a window's label is chosen from its samples' labels.</summary>
public enum WindowLabelPolicy
{
    /// <summary>The most frequent label (the paper); ties go to the label first in key order (smallest value).</summary>
    Majority,
    /// <summary>The label of the window's last sample.</summary>
    Last,
    /// <summary>The label of the sample at index T/2.</summary>
    Centre,
}
