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
import org.junit.jupiter.api.Test;
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
        System.setProperty("java.awt.headless", "true");
        Scenario mm1 = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-mm1.yaml"));
        Scenario mmc = ScenarioLoader.load(Path.of("..", "scenarios", "textbook-mmc.yaml"));
        Scenario a = mm1.withRun(new io.stagesim.scenario.RunSpec(30_000_000_000L, 3_000_000_000L, 2, 1, 1_000_000_000L));
        Scenario b = mmc.withRun(a.run());
        Comparison.Result c = Comparison.run(List.of(a, b), new SloSpec(0, 0, 60_000_000, Double.NaN), 2, 0.1,
                (n, r, s, t, p) -> { });
        Map<String, byte[]> files = HtmlReport.files(c, HtmlReportTest.provenance(List.of(a, b)));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        String html = new String(files.get("report.html"), StandardCharsets.UTF_8);
        assertTrue(!html.contains("<script") && !Pattern.compile("(src|href)=\"https?:|url\\(https?:").matcher(html).find(),
                "the report must be self-contained: no scripts, nothing loaded from the network");
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertNotNull(img, "an embedded chart does not decode");
            assertEquals(960, img.getWidth());
            images++;
        }
        assertEquals(Charts.of(c).size() + 1, images); // and the summary chart

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
