namespace TinierHAR.MLNet;

/// <summary>
/// The errors a user can fix (a bad file, option or value) and the one line that tells them what to fix: how the tool
/// prints them and how the scoring service answers them.
/// </summary>
public static class UserInputErrors
{
    /// <summary>
    /// The error a user can fix in <paramref name="error"/> or its inner exceptions (ML.NET's parallel cursors rethrow a
    /// reader's error inside an <see cref="InvalidOperationException"/>), of the library's kinds or of <paramref name="more"/>;
    /// null for anything else, a fault of the program.
    /// </summary>
    public static Exception? Find(Exception? error, params Type[] more)
    {
        ArgumentNullException.ThrowIfNull(more);
        for (; error is not null; error = error.InnerException)
        {
            if (error is ArgumentException or InvalidDataException or FileNotFoundException or NotSupportedException or IOException
                || more.Any(t => t.IsInstanceOfType(error)))
                return error;
        }
        return null;
    }

    /// <summary>The message without the " (Parameter 'name')" that .NET appends: the library's messages name the option already.</summary>
    public static string OneLine(Exception problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem is ArgumentException { ParamName: { } name } argument
            ? argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
            : problem.Message;
    }
}
