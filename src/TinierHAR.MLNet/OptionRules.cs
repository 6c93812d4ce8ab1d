namespace TinierHAR.MLNet;

/// <summary>The one check behind every options class: an error that names the option and the rule it breaks.</summary>
public static class OptionRules
{
    /// <summary>Throws <c>ArgumentException("Invalid option '{option}': {message}")</c> unless <paramref name="rule"/> holds.</summary>
    /// <param name="rule">The rule, evaluated.</param>
    /// <param name="option">The option's name (also the exception's parameter name).</param>
    /// <param name="message">The rule in words, ending with a full stop, with the offending value where it helps.</param>
    public static void Require(bool rule, string option, string message)
    {
        if (!rule)
            throw new ArgumentException($"Invalid option '{option}': {message}", option);
    }
}
