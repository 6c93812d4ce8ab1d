namespace TinierHAR.Experiments;

/// <summary>One test window of a run: its name (<c>session:offset</c>, the window's first row counted from its
/// recording's start), its true class and the class the model predicted.</summary>
/// <param name="Window">The window's name.</param>
/// <param name="Label">The true class.</param>
/// <param name="Predicted">The predicted class.</param>
public sealed record WindowPrediction(string Window, string Label, string Predicted);
