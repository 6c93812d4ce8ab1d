namespace TinierHAR.MLNet.Complexity;

/// <summary>Recurrent cell kinds known to the counter.</summary>
internal enum RecurrentCell
{
    Gru,
    Lstm,
}
