using System.Globalization;

namespace TinierHAR.Datasets;

/// <summary>
/// Cuts a stream of rows into recordings at every change of subject, numbering the runs over the whole stream
/// (<c>sub_id = "{subject}_{run}"</c>), as the authors do for single-file datasets (WISDM, RecGym).
/// </summary>
internal sealed class RunSplitter
{
    private readonly List<float> values = new();
    private readonly List<int> labels = new();
    private int subject = int.MinValue, run;

    /// <summary>Adds a row; returns the finished run when this row starts a new one.</summary>
    public Recording? Add(int rowSubject, ReadOnlySpan<float> rowValues, int label)
    {
        var finished = rowSubject != subject ? Finish() : null;
        if (rowSubject != subject)
        {
            subject = rowSubject;
            run++;
        }
        values.AddRange(rowValues);
        labels.Add(label);
        return finished;
    }

    /// <summary>The run in progress, or null when empty.</summary>
    public Recording? Finish()
    {
        if (labels.Count == 0) return null;
        var recording = new Recording(subject, $"{subject.ToString(CultureInfo.InvariantCulture)}_{run.ToString(CultureInfo.InvariantCulture)}", values.ToArray(), labels.ToArray());
        values.Clear();
        labels.Clear();
        return recording;
    }
}
