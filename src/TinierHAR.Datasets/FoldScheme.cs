namespace TinierHAR.Datasets;

/// <summary>How a dataset's folds are formed.</summary>
public enum FoldScheme
{
    /// <summary>Each fold tests a fixed group of subjects and trains on the others (the authors' LOCV).</summary>
    LeaveSubjectsOut,
    /// <summary>All windows shuffled with the seed and cut into equal consecutive slices, each tested once (the authors' SOCV, Skoda).</summary>
    ShuffledSlices,
}
