namespace TinierHAR.Trainer.Training;

/// <summary>
/// The authors' validation-loss rules, epoch by epoch:
/// <list type="bullet">
/// <item>learning rate: a counter rises on every epoch whose loss is not strictly below the best loss seen before it
/// (the first epoch counts too, having no earlier best), resets on an improvement, and at
/// <see cref="LearningRatePatience"/> the rate is multiplied by the factor and the counter reset;</item>
/// <item>early stopping: an epoch whose loss is below or equal to the best so far is an improvement (its weights are
/// kept); after <see cref="EarlyStoppingPatience"/> epochs without one, training stops. On
/// <see cref="EarlyStoppingMetric.ValidationMacroF1"/> an improvement is a macro F1 strictly above the best so far.</item>
/// </list>
/// </summary>
internal sealed class PaperSchedule
{
    private double learningRateBest = double.PositiveInfinity;
    private bool anyEpoch;
    private int learningRateCounter;
    private double stoppingBest = double.PositiveInfinity;
    private int stoppingCounter;
    private readonly EarlyStoppingMetric stoppingMetric;

    /// <summary>Creates the rules with the given patiences (paper: 7 and 15) and stopping metric (paper: the loss).</summary>
    public PaperSchedule(int learningRatePatience = 7, int earlyStoppingPatience = 15, EarlyStoppingMetric stoppingMetric = EarlyStoppingMetric.ValidationLoss)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(learningRatePatience, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(earlyStoppingPatience, 1);
        LearningRatePatience = learningRatePatience;
        EarlyStoppingPatience = earlyStoppingPatience;
        this.stoppingMetric = stoppingMetric;
    }

    /// <summary>Epochs without strict improvement before the learning rate drops.</summary>
    public int LearningRatePatience { get; }

    /// <summary>Epochs without improvement (equal counts as one) before training stops.</summary>
    public int EarlyStoppingPatience { get; }

    /// <summary>What to do after an epoch with validation loss <paramref name="loss"/> and validation macro F1
    /// <paramref name="macroF1"/> (needed only when stopping on it).</summary>
    public ScheduleDecision Observe(double loss, double macroF1 = double.NaN)
    {
        var strictlyBetter = anyEpoch && loss < learningRateBest;
        anyEpoch = true;
        learningRateBest = Math.Min(learningRateBest, loss);
        var reduce = false;
        if (strictlyBetter)
        {
            learningRateCounter = 0;
        }
        else if (++learningRateCounter >= LearningRatePatience)
        {
            reduce = true;
            learningRateCounter = 0;
        }

        // The stopping best is the loss, or the negated macro F1, so that lower is better for both.
        var onLoss = stoppingMetric == EarlyStoppingMetric.ValidationLoss;
        if (!onLoss && double.IsNaN(macroF1))
            throw new ArgumentException("Stopping on validation macro F1 needs the epoch's macro F1.", nameof(macroF1));
        var score = onLoss ? loss : -macroF1;
        var keep = onLoss ? score <= stoppingBest : score < stoppingBest;
        if (keep)
        {
            stoppingBest = score;
            stoppingCounter = 0;
        }
        else
        {
            stoppingCounter++;
        }
        return new ScheduleDecision(keep, reduce, stoppingCounter >= EarlyStoppingPatience);
    }

    /// <summary>The counters and bests, to be carried to a resumed run.</summary>
    public State Capture() => new(anyEpoch, learningRateBest, learningRateCounter, stoppingBest, stoppingCounter);

    /// <summary>Continues from a <see cref="Capture"/>d state.</summary>
    public void Restore(State state) =>
        (anyEpoch, learningRateBest, learningRateCounter, stoppingBest, stoppingCounter) =
            (state.AnyEpoch, state.LearningRateBest, state.LearningRateCounter, state.StoppingBest, state.StoppingCounter);

    /// <summary>What the schedule remembers between epochs.</summary>
    public readonly record struct State(bool AnyEpoch, double LearningRateBest, int LearningRateCounter, double StoppingBest, int StoppingCounter)
    {
        /// <summary>Writes the state in a fixed order.</summary>
        public void Write(BinaryWriter writer)
        {
            writer.Write(AnyEpoch);
            writer.Write(LearningRateBest);
            writer.Write(LearningRateCounter);
            writer.Write(StoppingBest);
            writer.Write(StoppingCounter);
        }

        /// <summary>Reads what <see cref="Write"/> wrote.</summary>
        public static State Read(BinaryReader reader) =>
            new(reader.ReadBoolean(), reader.ReadDouble(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadInt32());
    }
}
