using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using TinierHAR.Service.Hosting;

namespace TinierHAR.Service.Tests;

/// <summary>
/// The service as a client meets it over HTTP: the contract (the same windows and segments as <c>score</c>), bad input
/// (400 with the tool's message), the API key, and reloading the bundle.
/// </summary>
[TestClass]
public sealed class ScoringServiceTests
{
    private static ServiceData Data => ServiceData.Instance;

    [TestMethod]
    public async Task Scoring_a_log_gives_the_windows_and_segments_that_score_writes()
    {
        using var service = ServiceProcess.Start(Data.BundleA);
        Assert.AreEqual(HttpStatusCode.OK, (await service.Client.GetAsync(new Uri("healthz", UriKind.Relative))).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await service.Client.GetAsync(new Uri("readyz", UriKind.Relative))).StatusCode);
        Assert.IsTrue(service.Lines.Any(l => l.StartsWith("No --api-key: listening on loopback only (http://127.0.0.1:", StringComparison.Ordinal)), string.Join('\n', service.Lines));

        using var model = JsonDocument.Parse(await service.Client.GetStringAsync(new Uri("v1/model", UriKind.Relative)));
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Data.BundleA)));
        Assert.AreEqual(sha, model.RootElement.GetProperty("sha256").GetString());
        var classes = model.RootElement.GetProperty("classes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.HasCount(6, classes);
        Assert.AreEqual(50, model.RootElement.GetProperty("rateHz").GetDouble());
        Assert.AreEqual(128, model.RootElement.GetProperty("window").GetInt32());

        using var response = await Post(service, Data.Log, "?name=held-out.csv");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.AreEqual(sha, response.Headers.GetValues(HarScoringEndpoints.ModelHeader).Single());
        using var scored = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Data.ExpectedA.AssertSameAs(scored.RootElement, classes);
        var rows = scored.RootElement.GetProperty("rows");
        Assert.AreEqual(File.ReadLines(Data.Log).Count() - 1, rows.GetProperty("read").GetInt64());
        Assert.AreEqual(rows.GetProperty("read").GetInt64(),
            rows.GetProperty("inWindows").GetInt64() + rows.GetProperty("notCovered").GetInt64() + rows.GetProperty("removed").GetInt64());
        StringAssert.Contains(Data.ExpectedA.Summary, $"{rows.GetProperty("inWindows").GetInt64():N0}");

        var openApi = await service.Client.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative));
        foreach (var path in new[] { "/v1/score", "/v1/model", "/v1/model/reload" })
            StringAssert.Contains(openApi, $"\"{path}\"");
        var metrics = await service.Client.GetStringAsync(new Uri("metrics", UriKind.Relative));
        StringAssert.Contains(metrics, "tinierhar_score_requests_total{otel_scope_name=\"TinierHAR.Service\",outcome=\"scored\"} 1");
        StringAssert.Contains(metrics, $"sha256=\"{sha}\"");
        StringAssert.Contains(metrics, "tinierhar_score_windows_total");
        StringAssert.Contains(metrics, "tinierhar_score_duration_seconds_bucket");
    }

    [TestMethod]
    public async Task Bad_input_is_a_400_problem_with_the_tools_message()
    {
        using var service = ServiceProcess.Start(Data.BundleA);
        var folder = Data.Folder("bad-input");
        var headerOnly = Path.Combine(folder, "empty.csv");
        File.WriteAllText(headerOnly, File.ReadLines(Data.Log).First() + "\n");
        var tool = Tool.Run("score", "--model", Data.BundleA, "--input", headerOnly, "--output", Path.Combine(folder, "out.csv"));
        Assert.AreEqual(2, tool.ExitCode);
        // The tool names the file as given; the service by the name the client gave it.
        var toolMessage = tool.Error.Trim()["error: ".Length..].Replace(folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
        StringAssert.Contains(toolMessage, "empty.csv");

        using (var response = await Post(service, headerOnly, "?name=empty.csv"))
            await AssertProblem(response, HttpStatusCode.BadRequest, toolMessage);
        using (var response = await Post(service, Data.Log, "?colour=red"))
            await AssertProblem(response, HttpStatusCode.BadRequest, "Invalid query parameter 'colour': the parameters are name, time");
        using (var response = await Post(service, Data.Log, "?timeUnit=fortnights"))
            await AssertProblem(response, HttpStatusCode.BadRequest, "Invalid option '--time-unit'");
        using (var response = await Post(service, Data.Log, "?smooth=4"))
            await AssertProblem(response, HttpStatusCode.BadRequest, "--smooth");
        using (var response = await Post(service, Data.Log, "", "application/json"))
            await AssertProblem(response, HttpStatusCode.UnsupportedMediaType, null);

        var broken = Path.Combine(folder, "broken.csv");
        var lines = File.ReadLines(Data.Log).Take(2000).ToList();
        lines[1234] = lines[1234].Replace(",", ",x", StringComparison.Ordinal);
        File.WriteAllLines(broken, lines);
        var toolBroken = Tool.Run("score", "--model", Data.BundleA, "--input", broken, "--output", Path.Combine(folder, "out.csv"));
        Assert.AreEqual(2, toolBroken.ExitCode);
        using (var response = await Post(service, broken, "?name=broken.csv"))
            await AssertProblem(response, HttpStatusCode.BadRequest, toolBroken.Error.Trim()["error: ".Length..].Replace(folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task The_body_limit_is_a_413()
    {
        using var service = ServiceProcess.Start(Data.BundleA, "--max-body-mb 1");
        Assert.IsGreaterThan(1 << 20, new FileInfo(Data.Log).Length);
        using var response = await Post(service, Data.Log, "", expectContinue: true);
        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "Request body too large");
    }

    [TestMethod]
    public async Task A_request_over_the_time_limit_is_a_503_problem()
    {
        // A log that takes several times the limit to score: 8 hours, about 5 s here. Two hours took about 1 s on a
        // faster machine, where the answer was sometimes ready first (and was then cut short: the service now writes
        // an answer it has begun whole, so a run that finishes in time is a 200, not a 503).
        var log = Path.Combine(Data.Folder("timeout"), "long.csv");
        var generated = Tool.Run("generate", "--output", log, "--subjects", "1", "--seed", "4", "--hours", "8");
        Assert.AreEqual(0, generated.ExitCode, generated.Error);
        using var service = ServiceProcess.Start(Data.BundleA, "--request-timeout-s 1");
        using var response = await Post(service, log, "?name=long.csv");
        await AssertProblem(response, HttpStatusCode.ServiceUnavailable, "The request ran over the service's time limit (--request-timeout-s).");
        Assert.AreEqual(HttpStatusCode.OK, (await service.Client.GetAsync(new Uri("healthz", UriKind.Relative))).StatusCode, "the service goes on");
    }

    [TestMethod]
    public async Task With_an_API_key_requests_without_it_get_401()
    {
        using var service = ServiceProcess.Start(Data.BundleA, "--api-key s3cret");
        Assert.AreEqual(HttpStatusCode.OK, (await service.Client.GetAsync(new Uri("healthz", UriKind.Relative))).StatusCode, "health needs no key");
        using (var response = await service.Client.GetAsync(new Uri("v1/model", UriKind.Relative)))
            await AssertProblem(response, HttpStatusCode.Unauthorized, "Send the service's API key in the X-API-Key header.");
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri("v1/model", UriKind.Relative)))
        {
            request.Headers.Add(ApiKeyAuthenticationHandler.HeaderName, "guess");
            using var response = await service.Client.SendAsync(request);
            await AssertProblem(response, HttpStatusCode.Unauthorized, "The X-API-Key header holds the wrong key.");
        }
        using (var response = await Post(service, Data.Log, "", key: "guess"))
            Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        using (var response = await Post(service, Data.Log, "?name=held-out.csv", key: "s3cret"))
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public void Without_an_API_key_the_service_refuses_to_listen_beyond_loopback()
    {
        var (exitCode, output) = ServiceProcess.RunToExit($"--bundle \"{Data.BundleA}\" --urls http://0.0.0.0:5999");
        Assert.AreEqual(2, exitCode, output);
        StringAssert.Contains(output, "error: --urls: http://0.0.0.0:5999 is not a loopback address; without --api-key the service listens on loopback only");
        (exitCode, output) = ServiceProcess.RunToExit("--urls http://127.0.0.1:5999");
        Assert.AreEqual(2, exitCode, output);
        StringAssert.Contains(output, "error: --bundle PATH is required");
    }

    [TestMethod]
    public async Task The_bundle_is_reloaded_when_its_file_is_replaced_and_on_request()
    {
        var folder = Data.Folder("reload");
        var served = Path.Combine(folder, "bundle.zip");
        File.Copy(Data.BundleA, served, overwrite: true);
        using var service = ServiceProcess.Start(served);
        var (shaA, shaB) = (Sha(Data.BundleA), Sha(Data.BundleB));
        Assert.AreEqual(shaA, await ServedSha(service));

        Replace(Data.BundleB, served);
        await WaitFor(async () => await ServedSha(service) == shaB, "the replaced file served");
        using (var response = await Post(service, Data.Log, "?name=held-out.csv"))
        {
            using var scored = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.AreEqual(shaB, response.Headers.GetValues(HarScoringEndpoints.ModelHeader).Single());
            Data.ExpectedB.AssertSameAs(scored.RootElement, Classes(scored.RootElement));
        }

        using (var reload = await service.Client.PostAsync(new Uri("v1/model/reload", UriKind.Relative), null))
        {
            using var info = JsonDocument.Parse(await reload.Content.ReadAsStringAsync());
            Assert.AreEqual(shaB, info.RootElement.GetProperty("sha256").GetString());
            Assert.IsGreaterThanOrEqualTo(3, info.RootElement.GetProperty("version").GetInt32());
        }

        File.WriteAllText(served + ".tmp", "not a bundle");
        File.Move(served + ".tmp", served, overwrite: true);
        await WaitFor(async () => (await service.Client.GetAsync(new Uri("readyz", UriKind.Relative))).StatusCode == HttpStatusCode.ServiceUnavailable, "readyz 503 on a broken file");
        Assert.AreEqual(HttpStatusCode.OK, (await service.Client.GetAsync(new Uri("healthz", UriKind.Relative))).StatusCode);
        Assert.AreEqual(shaB, await ServedSha(service), "the broken file leaves the served bundle in place");
        using (var reload = await service.Client.PostAsync(new Uri("v1/model/reload", UriKind.Relative), null))
            await AssertProblem(reload, HttpStatusCode.BadRequest, $"'{served}' is not a readable model bundle");
    }

    internal static async Task<HttpResponseMessage> Post(ServiceProcess service, string log, string query, string contentType = "text/csv", string? key = null,
        bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v1/score" + query, UriKind.Relative))
        {
            Content = new StreamContent(File.OpenRead(log)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (key is not null)
            request.Headers.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        // A client that waits for "100 Continue" hears a refusal before it sends the body.
        request.Headers.ExpectContinue = expectContinue;
        return await service.Client.SendAsync(request);
    }

    internal static string[] Classes(JsonElement response) => response.GetProperty("classes").EnumerateArray().Select(c => c.GetString()!).ToArray();

    internal static string Sha(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    /// <summary>Replaces <paramref name="target"/> by a copy of <paramref name="source"/> with one rename, as a deployment should.</summary>
    internal static void Replace(string source, string target)
    {
        File.Copy(source, target + ".new", overwrite: true);
        File.Move(target + ".new", target, overwrite: true);
    }

    private static async Task<string?> ServedSha(ServiceProcess service)
    {
        using var model = JsonDocument.Parse(await service.Client.GetStringAsync(new Uri("v1/model", UriKind.Relative)));
        return model.RootElement.GetProperty("sha256").GetString();
    }

    private static async Task WaitFor(Func<Task<bool>> condition, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            if (await condition())
                return;
        }
        Assert.Fail($"Timed out waiting for {what}.");
    }

    /// <summary>A problem document of <paramref name="status"/> whose detail holds <paramref name="detail"/> (any detail where null).</summary>
    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? detail)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(status, response.StatusCode, body);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, body);
        using var problem = JsonDocument.Parse(body);
        if (detail is not null)
            StringAssert.Contains(problem.RootElement.GetProperty("detail").GetString(), detail, body);
        Assert.DoesNotContain("   at ", body, "no stack trace");
    }
}
