using TinierHAR.Service.Hosting;

// The page is served from the build output's wwwroot, so that the built service runs from any folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot") });
HarScoringServiceOptions options;
try
{
    options = HarScoringServiceOptions.From(builder.Configuration);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes);
builder.Services.AddHarScoring(options);

var app = builder.Build();
app.UseHarScoring();
app.MapHarScoring();
// Said on standard output, whatever the log level: who may call the service.
Console.WriteLine(options.ApiKey is null
    ? $"No --api-key: listening on loopback only ({string.Join(", ", options.Urls)}); requests need no key."
    : $"Listening on {string.Join(", ", options.Urls)}; requests to /v1 need the API key in the X-API-Key header.");
await app.RunAsync();
return 0;
