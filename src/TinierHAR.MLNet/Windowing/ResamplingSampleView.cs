using Microsoft.ML;
using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// The sample rows resampled from the input rate to the windowing's rate by linear interpolation between neighbouring
/// samples of the same group (by position: the input is taken as evenly sampled at its stated rate), streamed with two
/// rows of memory. Channel values and a floating-point timestamp are interpolated; labels and other columns come from
/// the nearer input sample. Its schema is the columns windowing reads.
/// </summary>
internal sealed class ResamplingSampleView : SampleStageView
{
    public ResamplingSampleView(IDataView samples, WindowingPlan plan, double inputRate, double outputRate) : base(samples, plan)
    {
        Ratio = inputRate / outputRate;
    }

    /// <summary>Input samples per output sample.</summary>
    public double Ratio { get; }

    public override DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    private sealed class Cursor : StreamingCursor
    {
        private readonly ResamplingSampleView view;
        private readonly SampleReader reader;
        private readonly int timeIndex;
        private SampleRow? previous, next;
        private long previousPosition = -1;
        private long outputIndex;
        private bool ended;
        private float[] channels = [];
        private object[] others = [];

        public Cursor(ResamplingSampleView view) : base(view.Schema)
        {
            this.view = view;
            reader = new SampleReader(view.Samples, view.Plan);
            timeIndex = view.Plan.Timestamp is { } time ? Array.FindIndex(reader.Others, o => o.Name == time.Name) : -1;
        }


        public override bool MoveNext()
        {
            while (!ended)
            {
                // The next output sample lies at input position u = k · ratio within the group.
                var u = outputIndex * view.Ratio;
                if (previous is not null && u <= previousPosition)
                {
                    Emit(previous, previous, 0);
                    return Advance();
                }
                if (previous is not null && next is not null && u < previousPosition + 1)
                {
                    Emit(previous, next, u - previousPosition);
                    return Advance();
                }
                if (next is not null)
                {
                    previous = next;
                    previousPosition++;
                    next = null;
                    continue;
                }
                var sample = reader.Read();
                if (sample is null)
                {
                    ended = true;
                    break;
                }
                if (previous is not null && sample.Group != previous.Group)
                {
                    previous = null;
                    previousPosition = -1;
                    outputIndex = 0;
                }
                if (previous is null)
                {
                    previous = sample;
                    previousPosition = 0;
                }
                else
                {
                    next = sample;
                }
            }
            return false;
        }

        private bool Advance()
        {
            outputIndex++;
            RowPosition++;
            return true;
        }

        private void Emit(SampleRow a, SampleRow b, double fraction)
        {
            channels = a.Channels.Select((v, i) => (float)(v + (b.Channels[i] - v) * fraction)).ToArray();
            others = (fraction < 0.5 ? a : b).Others.ToArray();
            if (timeIndex >= 0 && a.Others[timeIndex] is double ta && b.Others[timeIndex] is double tb)
                others[timeIndex] = ta + (tb - ta) * fraction;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            (ValueGetter<TValue>)reader.Getter(column.Name, () => channels, () => others);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                reader.Dispose();
            base.Dispose(disposing);
        }
    }
}
