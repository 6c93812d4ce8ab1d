using TinierHAR.MLNet.Data;

namespace TinierHAR.Quickstart;

/// <summary>The quickstart's command-line settings (see Program.cs for their meaning and defaults).</summary>
public sealed record QuickstartSettings(int Epochs, int Subjects, int Seed, DirectoryInfo Output, string? Data,
    IReadOnlyList<string> Channels, string Label, string Subject, string Time, double Rate, bool CompareInt8 = false)
{
    /// <summary>The CSV columns these settings name.</summary>
    public CsvSampleOptions CsvColumns() => new()
    {
        ChannelColumnNames = Channels,
        LabelColumnName = Label,
        SubjectColumnName = Subject,
        TimestampColumnName = Time,
    };
}
