namespace TinierHAR.Plots;

/// <summary>One model of <see cref="HarPlots.Efficiency"/>.</summary>
public sealed record ModelPoint(string Name, long Parameters, double Macs, double MacroF1);
