package io.stagesim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.stagesim.run.Comparison;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.SloSpec;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison report as a person sees it: written to disk, opened in headless Chromium (Debian's
 * {@code chromium}; CI installs it, elsewhere the test is skipped without it), screenshotted, and
 * checked that every chart loaded: each embedded image decodes to a 960×540 PNG, and the screenshot
 * shows each stage's colour over many pixels (a broken image shows none).
 */
final class ReportInChromiumTest {

    @TempDir
    Path dir;

    private static Path chromium() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    @Test
    void report_opensInChromium_withEveryChartLoaded() throws Exception {
        Path browser = chromium();
        if (browser == null) { // a test that skips checks nothing: say what to install instead
            fail("the report test needs Debian's chromium: 'apt-get install chromium' (.ci/run installs it)");
        }
        Comparison.Result c = comparison();
        Map<String, byte[]> files = write(c);
        String html = new String(files.get("report.html"), StandardCharsets.UTF_8);
        assertTrue(!Pattern.compile("<script[^>]* src=|(src|href)=\"https?:|url\\(https?:").matcher(html).find(),
                "the report must be self-contained: its scripts inline, nothing loaded from the network");
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertNotNull(img, "an embedded chart does not decode");
            assertEquals(960, img.getWidth());
            images++;
        }
        assertEquals(Charts.of(c).size() + 1, images); // and the summary chart
        // the sizes docs/guide.md gives for this page: its charts' data, its pictures, the whole
        long data = 0;
        for (Matcher j = Pattern.compile("<script type=\"application/json\"[^>]*>([^<]*)</script>").matcher(html);
                j.find(); ) {
            data += j.group(1).length();
        }
        long pictures = 0;
        for (Matcher j = Pattern.compile("data:image/png;base64,[A-Za-z0-9+/=]+").matcher(html); j.find(); ) {
            pictures += j.group().length();
        }
        long bytes = files.get("report.html").length;
        System.out.printf("report.html: %,d bytes, of which %,d the pictures and %,d the charts' data%n", bytes,
                pictures, data);
        assertEquals(17, Math.round(data / 1000.0), "the charts' data, KB");
        assertEquals(0.46, Math.round(pictures / 1e4) / 100.0, "the pictures, MB");
        assertEquals(1.52, Math.round(bytes / 1e4) / 100.0, "the page, MB");

        Path shot = dir.resolve("screenshot.png");
        Process p = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
                "--window-size=1100,4200", "--screenshot=" + shot, dir.resolve("report.html").toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish within 90 s");
        BufferedImage page = ImageIO.read(shot.toFile());
        assertNotNull(page, "no screenshot: " + Files.readString(dir.resolve("chromium.log")));
        for (int stage = 0; stage < 2; stage++) {
            int n = count(page, Charts.colour(stage));
            System.out.println("stage " + stage + " colour pixels in the screenshot: " + n);
            assertTrue(n > 2000, "stage " + stage + "'s colour barely appears: the charts did not load");
        }
    }

    /**
     * The charts made interactive, driven as a reader would with Selenium and Debian's chromedriver,
     * the network off (an unreachable proxy for every address): every chart with data becomes an
     * ECharts canvas of the picture's size; a click on a stage's name in the legend hides that stage
     * (the legend's state says so, and its colour leaves the chart); the mouse on a point shows the
     * value the histogram gives; with JavaScript off, every picture is shown whole and nothing else.
     */
    @Test
    void charts_hoverAndToggle_withScripts_andStayPictures_without() throws Exception {
        Path browser = Path.of("/usr/bin/chromium");
        Path driverExe = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(browser) || !Files.isExecutable(driverExe)) { // a skipped test checks nothing
            fail("the report test needs Debian's chromium and chromedriver: "
                    + "'apt-get install chromium chromium-driver' (.ci/run installs both)");
        }
        Comparison.Result c = comparison();
        Map<String, byte[]> files = write(c);
        String html = new String(files.get("report.html"), StandardCharsets.UTF_8);
        int interactive = html.split(" data-chart=\"chart-data-", -1).length - 1;
        assertEquals(Charts.of(c).size() + 1, interactive, "every chart of a comparison has its data in the page");
        String page = dir.resolve("report.html").toUri().toString();
        System.setProperty("webdriver.chrome.driver", driverExe.toString());
        System.setProperty("webdriver.remote.enableTracing", "false");

        ChromeDriver driver = driver(browser, driverExe, true);
        try {
            driver.get(page);
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            wait.until(d -> d.findElements(By.cssSelector("div.interactive canvas")).size() == interactive);
            assertEquals(0L, driver.executeScript("return performance.getEntriesByType('resource')"
                    + ".filter(function (e) { return !e.name.startsWith('data:'); }).length"), "nothing fetched");
            for (WebElement img : driver.findElements(By.cssSelector("img[data-chart]"))) {
                assertTrue(!img.isDisplayed(), "the picture gives way to its chart");
            }
            for (WebElement div : driver.findElements(By.cssSelector("div.interactive"))) {
                WebElement canvas = div.findElement(By.tagName("canvas"));
                assertEquals(960, div.getSize().getWidth(), div.getAttribute("id"));
                assertEquals(540, div.getSize().getHeight(), div.getAttribute("id"));
                assertTrue(canvas.getSize().getWidth() == 960, "drawn on a canvas of the chart's size");
            }

            if (Boolean.getBoolean("stagesim.report.shots")) { // pictures of every chart, to look at
                Files.write(Path.of("target", "report-interactive.html"), files.get("report.html"));
                Files.write(Path.of("target", "summary.png"), files.get("charts/summary.png"));
                for (WebElement div : driver.findElements(By.cssSelector("div.interactive"))) {
                    driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", div);
                    Files.write(Path.of("target", div.getAttribute("id") + ".png"),
                            div.getScreenshotAs(OutputType.BYTES));
                }
            }
            // hover: the mouse on stage 2's p99 in the latency distribution shows the histogram's p99
            WebElement dist = driver.findElement(By.id("interactive-latency-distribution"));
            driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", dist); // all of it in view
            String name = c.rows().get(1).scenario();
            double p99 = c.rows().get(1).atReference().detail().allLatency().quantile(0.99) / 1e6;
            String expected = new java.math.BigDecimal(p99).round(new java.math.MathContext(4)).stripTrailingZeros()
                    .toPlainString();
            @SuppressWarnings("unchecked")
            List<Number> at = (List<Number>) driver.executeScript("var c = echarts.getInstanceByDom(arguments[0]);"
                    + "var name = arguments[1]; var y = arguments[2];"
                    + "var i = c.getOption().series.findIndex(function (s) { return s.name === name; });"
                    + "return c.convertToPixel({seriesIndex: i}, [100, y]);", dist, name, p99);
            new Actions(driver).moveToElement(dist, (int) Math.round(at.get(0).doubleValue()) - 480,
                    (int) Math.round(at.get(1).doubleValue()) - 270).perform();
            wait.until(d -> dist.getText().contains(name + ": " + expected));
            String tip = dist.getText();
            Files.createDirectories(Path.of("target")); // for the guide's picture (docs/report-hover.png)
            Files.write(Path.of("target", "report-hover.png"), dist.getScreenshotAs(OutputType.BYTES));
            System.out.println("tooltip: " + tip.replace('\n', '|'));
            assertTrue(tip.contains("p99"), "the percentile named: " + tip);

            // legend: a click on stage 1's name hides its line
            String first = c.rows().get(0).scenario();
            int before = count(shot(driver, dist), Charts.colour(0));
            @SuppressWarnings("unchecked")
            List<Number> item = (List<Number>) driver.executeScript("var c = echarts.getInstanceByDom(arguments[0]);"
                    + "var name = arguments[1]; var hit = null;"
                    + "c.getZr().storage.getDisplayList().forEach(function (el) {"
                    + "  if (!hit && el.style && el.style.text === name) {"
                    + "    var r = el.getBoundingRect().clone(); if (el.transform) { r.applyTransform(el.transform); }"
                    + "    hit = [r.x + r.width / 2, r.y + r.height / 2]; } });"
                    + "return hit;", dist, first);
            assertNotNull(item, "the legend names " + first);
            System.out.println("legend item of " + first + " at " + item);
            new Actions(driver).moveToElement(dist, (int) Math.round(item.get(0).doubleValue()) - 480,
                    (int) Math.round(item.get(1).doubleValue()) - 270).click().perform();
            wait.until(d -> Boolean.FALSE.equals(((ChromeDriver) d).executeScript("return echarts.getInstanceByDom("
                    + "arguments[0]).getOption().legend[0].selected[arguments[1]]", dist, first)));
            new Actions(driver).moveToElement(dist, 0, -260).perform(); // the tooltip away: to the title
            int after = count(shot(driver, dist), Charts.colour(0));
            System.out.println("stage 1's colour in the distribution chart: " + before + " pixels, " + after
                    + " once hidden");
            assertTrue(before > 300 && after < before / 10, before + " → " + after);
        } finally {
            driver.quit();
        }

        driver = driver(browser, driverExe, false);
        try {
            driver.get(page);
            List<WebElement> imgs = driver.findElements(By.cssSelector("figure img"));
            assertEquals(interactive, imgs.size());
            for (WebElement img : imgs) {
                assertTrue(img.isDisplayed(), "with scripts off the picture is the chart");
                assertEquals(Boolean.TRUE, driver.executeScript("return arguments[0].complete "
                        + "&& arguments[0].naturalWidth === 960 && arguments[0].naturalHeight === 540", img));
            }
            assertEquals(0, driver.findElements(By.cssSelector("div.interactive")).size());
            String text = driver.findElement(By.tagName("body")).getText();
            assertTrue(!text.contains("\"panels\"") && !text.contains("echarts"), "no script shows as text");
        } finally {
            driver.quit();
        }
    }

    /**
     * The run report (M/M/1 with a crash), a sweep's report and a failure story's comparison draw every
     * chart that has data, offline.
     */
    @Test
    void runAndSweepPages_drawEveryChart() throws Exception {
        Path browser = Path.of("/usr/bin/chromium");
        Path driverExe = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(browser) || !Files.isExecutable(driverExe)) { // a skipped test checks nothing
            fail("the report test needs Debian's chromium and chromedriver: "
                    + "'apt-get install chromium chromium-driver' (.ci/run installs both)");
        }
        System.setProperty("java.awt.headless", "true");
        Scenario crash = ResultsRoundTripTest.mm1Crash();
        Map<String, byte[]> run = RunReport.files(io.stagesim.Conservation.run(crash, 1), crash,
                HtmlReportTest.provenance(List.of(crash)));
        Files.write(dir.resolve("run.html"), run.get("report.html"));
        Files.write(dir.resolve("sweep.html"), SweepReport.html(SweepReportTest.capacityGrid()));
        // a failure story: the survival charts, their fault and "down" bands
        Comparison.Result story = Comparison.run(List.of(crash), new SloSpec(0, 0, 200_000_000, Double.NaN), 1, 0.2,
                (n, r, sc, t, p) -> { });
        Files.write(dir.resolve("story.html"), HtmlReport.files(story, HtmlReportTest.provenance(List.of(crash)))
                .get("report.html"));
        System.setProperty("webdriver.chrome.driver", driverExe.toString());
        System.setProperty("webdriver.remote.enableTracing", "false");
        ChromeDriver driver = driver(browser, driverExe, true);
        try {
            for (String page : List.of("run.html", "sweep.html", "story.html")) {
                String html = Files.readString(dir.resolve(page));
                int charts = html.split(" data-chart=\"chart-data-", -1).length - 1;
                assertTrue(charts >= 2, page + ": " + charts);
                driver.get(dir.resolve(page).toUri().toString());
                new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> d.findElements(
                        By.cssSelector("div.interactive canvas")).size() == charts);
                if (Boolean.getBoolean("stagesim.report.shots")) {
                    for (WebElement div : driver.findElements(By.cssSelector("div.interactive"))) {
                        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", div);
                        Files.write(Path.of("target", div.getAttribute("id") + ".png"),
                                div.getScreenshotAs(OutputType.BYTES));
                    }
                }
            }
        } finally {
            driver.quit();
        }
    }

    private static ChromeDriver driver(Path browser, Path driverExe, boolean scripts) {
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverExe.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1100,1000",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"); // no network: a dead proxy
        if (!scripts) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        return new ChromeDriver(service, options);
    }

    /** A screenshot of {@code e} alone, after scrolling it into view. */
    private static BufferedImage shot(ChromeDriver driver, WebElement e) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(e.getScreenshotAs(OutputType.BYTES)));
    }

    private static Comparison.Result shared;

    /** Two textbook stages compared, once for every test here. */
    private static synchronized Comparison.Result comparison() throws Exception {
        if (shared == null) {
            System.setProperty("java.awt.headless", "true");
            Scenario mm1 = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-mm1.yaml"));
            Scenario mmc = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-mmc.yaml"));
            Scenario a = mm1.withRun(new io.stagesim.scenario.RunSpec(30_000_000_000L, 3_000_000_000L, 2, 1,
                    1_000_000_000L));
            Scenario b = mmc.withRun(a.run());
            shared = Comparison.run(List.of(a, b), new SloSpec(0, 0, 60_000_000, Double.NaN), 2, 0.1,
                    (n, r, s, t, p) -> { });
        }
        return shared;
    }

    /** The report of {@code c} written into the test's folder. */
    private Map<String, byte[]> write(Comparison.Result c) throws Exception {
        List<Scenario> specs = c.rows().stream().map(Comparison.Row::scenarioSpec).toList();
        Map<String, byte[]> files = HtmlReport.files(c, HtmlReportTest.provenance(specs));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        return files;
    }

    private static int count(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int dr = ((rgb >> 16) & 0xff) - c.getRed();
                int dg = ((rgb >> 8) & 0xff) - c.getGreen();
                int db = (rgb & 0xff) - c.getBlue();
                if (dr * dr + dg * dg + db * db < 900) {
                    n++;
                }
            }
        }
        return n;
    }
}
