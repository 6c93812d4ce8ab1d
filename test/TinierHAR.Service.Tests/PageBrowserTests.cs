using System.Globalization;
using Microsoft.Playwright;
using TinierHAR.TestSupport;

namespace TinierHAR.Service.Tests;

/// <summary>
/// The page in a real browser (Debian's chromium, driven by Playwright): a log chosen in the page is scored and drawn,
/// with the segments <c>score</c> writes.
/// </summary>
[TestClass]
public sealed class PageBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_log_dropped_on_the_page_shows_the_timeline_and_the_segments_of_score()
    {
        var data = ServiceData.Instance;
        RequireChromium();
        using var service = ServiceProcess.Start(data.BundleA);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);

        await page.GotoAsync(service.Address.ToString());
        await page.Locator("#model").Filter(new LocatorFilterOptions { HasText = "activities" }).WaitForAsync();
        await page.Locator("#file").SetInputFilesAsync(data.Log);
        await page.Locator("#status[data-done='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });

        var expected = data.ExpectedA.Segments;
        Assert.AreEqual(expected.Length.ToString(CultureInfo.InvariantCulture), await page.Locator("#timeline").GetAttributeAsync("data-segments"));
        var rows = page.Locator("#segments tbody tr");
        Assert.AreEqual(expected.Length, await rows.CountAsync());
        var middle = expected.Length / 2;
        var cells = await rows.Nth(middle).Locator("td").AllTextContentsAsync();
        Assert.AreEqual(expected[middle]["activity"], cells[1]);
        Assert.AreEqual(Seconds(expected[middle]["start"]), cells[2]);
        Assert.AreEqual(Seconds(expected[middle]["end"]), cells[3]);
        StringAssert.Contains(await page.Locator("#rows").TextContentAsync(), "rows read =");
        Assert.AreEqual(2, await page.Locator("#recording option").CountAsync(), "one choice per recording (two subjects)");
        CollectionAssert.AreEqual(Array.Empty<string>(), errors, "no script errors");

        var screenshot = TestContext.Properties.TryGetValue("screenshot", out var path) && path is string file
            ? file
            : Path.Combine(data.Folder("page"), "page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        Assert.IsGreaterThan(10_000, new FileInfo(screenshot).Length);
    }

    private static string Seconds(string text) => double.Parse(text, CultureInfo.InvariantCulture).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Debian's chromium, installed by eng/chromium.sh where it is missing (as root; CI is root).</summary>
    private static void RequireChromium()
    {
        if (File.Exists(Chromium))
            return;
        var (exitCode, output) = ChildProcess.Run("bash", Path.Combine(SharedData.RepositoryRoot, "eng", "chromium.sh"), SharedData.RepositoryRoot, TimeSpan.FromMinutes(15));
        if (exitCode != 0)
            Assert.Inconclusive($"Skipped: needs {Chromium} (Debian package chromium), which eng/chromium.sh installs as root; here it said: {output}");
    }
}
