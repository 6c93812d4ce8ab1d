using Microsoft.AspNetCore.Diagnostics;
using TinierHAR.MLNet;

namespace TinierHAR.Service.Hosting;

/// <summary>
/// Errors a user can fix (a bad log, option or query parameter) become 400 with a problem document whose detail is
/// the one line the tool prints; a request Kestrel refuses keeps its status (413 for a body over the limit). A request
/// over its time limit is answered by the request-timeout policy (503). Anything else stays a 500.
/// </summary>
internal sealed partial class InputErrorHandler(ILogger<InputErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException refused)
        {
            await Results.Problem(statusCode: refused.StatusCode, title: "The request is refused", detail: refused.Message).ExecuteAsync(context);
            return true;
        }
        if (UserInputErrors.Find(exception) is not { } problem)
            return false;
        var message = UserInputErrors.OneLine(problem);
        Refused(logger, message);
        await Results.Problem(statusCode: 400, title: "The request cannot be scored", detail: message).ExecuteAsync(context);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "400: {Message}")]
    private static partial void Refused(ILogger logger, string message);
}
