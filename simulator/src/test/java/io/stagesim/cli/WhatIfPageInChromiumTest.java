package io.stagesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.stagesim.report.Json;
import io.stagesim.report.ResultsFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The what-if page in a real browser: {@code serve} on a free port, Debian's headless chromium driven
 * by Selenium through Debian's chromedriver (both named by path: Selenium Manager downloads nothing).
 * A slider is moved with the keyboard, and once the page has updated, every figure it shows equals
 * the one {@code stagesim run} writes for the same {@code --set}, rate and seed, to the last bit,
 * and the capacity searched next equals the one {@code stagesim stress} finds with the page's search
 * settings; the screenshot shows the chart drawn; walking the ladder two steps shows stage 3's
 * capacity gain over stage 2 equal to the ratio of the two capacities {@code stress} finds.
 */
final class WhatIfPageInChromiumTest {

    private static final Path STAGE2 = Path.of("..", "scenarios", "stage-2-gunicorn.yaml");
    private static final Path STAGE3 = Path.of("..", "scenarios", "stage-3-nginx.yaml");
    /** The page's capacity searches as serve's defaults: 20 s a replication, 3 replications, to 5 %. */
    private static final List<String> SEARCH = List.of("--seed", "3", "--replications", "3", "--duration", "20s",
            "--precision", "0.05", "--threads", "1");

    @TempDir
    Path dir;

    /** {@code stagesim stress FILE [--set SETTING]} with the page's search settings: its stress.json's figures. */
    private Map<String, Double> stress(Path file, String setting) throws Exception {
        Path out = Files.createTempDirectory(dir, "stress");
        List<String> args = new java.util.ArrayList<>(List.of("stress", file.toString()));
        if (setting != null) {
            args.addAll(List.of("--set", setting));
        }
        args.addAll(SEARCH);
        args.addAll(List.of("--out", out.toString(), "--force"));
        assertEquals(Main.OK, Main.execute(args.toArray(String[]::new)));
        com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(out.resolve("stress.json"), StandardCharsets.UTF_8));
        return Map.of("capacity_per_s", n.get("capacity_per_s").asDouble(), "capacity_low_per_s",
                n.get("capacity_low_per_s").asDouble());
    }

    @Test
    void movingASlider_showsWhatRunGives_andDrawsTheChart() throws Exception {
        Path browser = Path.of("/usr/bin/chromium");
        Path driverExe = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(browser) || !Files.isExecutable(driverExe)) { // a skipped test checks nothing
            fail("the what-if page test needs Debian's chromium and chromedriver: "
                    + "'apt-get install chromium chromium-driver' (.ci/run installs both)");
        }
        System.setProperty("webdriver.chrome.driver", driverExe.toString());
        System.setProperty("webdriver.remote.enableTracing", "false"); // no OpenTelemetry tracing
        WhatIfServer.Limits limits = ServeCommand.limits("30s", "300s", 2, 3L, 50_000_000, 2, 4,
                ServeCommand.search("20s", 3, 0.05, "5min")); // serve's defaults, but for the wall times
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverExe.toFile()).usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,1180",
                "--user-data-dir=" + dir.resolve("profile"));
        ChromeDriver driver = null;
        try (WhatIfServer server = WhatIfServer.start(ServeCommand.stages(List.of(STAGE2, STAGE3)), limits,
                WhatIfServer.real(), "127.0.0.1", 0)) {
            driver = new ChromeDriver(service, options);
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(240));
            driver.get("http://127.0.0.1:" + server.port() + "/?token=" + server.token());
            WebElement status = driver.findElement(By.id("status"));
            WebElement capStatus = driver.findElement(By.id("capstatus"));
            wait.until(d -> "done".equals(status.getAttribute("data-state")));
            wait.until(d -> "done".equals(capStatus.getAttribute("data-state"))); // stage 2's own capacity
            String first = driver.findElement(By.id("fig-p99")).getText();

            WebElement workers = driver.findElement(By.cssSelector("input[data-key='services.gunicorn.workers']"));
            assertEquals("5", workers.getAttribute("value"));
            long t0 = System.nanoTime();
            workers.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
            wait.until(d -> "done".equals(status.getAttribute("data-state"))
                    && String.valueOf(status.getAttribute("data-request")).contains("workers%3D8"));
            long figures = (System.nanoTime() - t0) / 1_000_000;
            wait.until(d -> "done".equals(capStatus.getAttribute("data-state"))
                    && String.valueOf(capStatus.getAttribute("data-request")).contains("workers%3D8"));
            System.out.printf("what-if on the page: %d ms from the key press to the figures, %d ms to the capacity "
                    + "(%s; %s)%n", figures, (System.nanoTime() - t0) / 1_000_000, status.getText(),
                    capStatus.getText());
            assertTrue(!driver.findElement(By.id("fig-p99")).getText().equals(first) || first.equals("–"),
                    "the figures changed with 8 workers in place of 5");

            Path out = dir.resolve("run");
            int code = Main.execute("run", STAGE2.toString(), "--set", "services.gunicorn.workers=8", "--seed", "3",
                    "--replications", "2", "--duration", "30s", "--rate", "40/s", "--threads", "1",
                    "--out", out.toString());
            assertTrue(code == Main.OK || code == Main.FAILED, "run's exit code " + code);
            ResultsFile results = Json.read(Files.readString(out.resolve("results.json"), StandardCharsets.UTF_8),
                    ResultsFile.class);
            int compared = 0;
            for (Map.Entry<String, Object[]> e : WhatIf.figures(results).entrySet()) {
                WebElement fig = driver.findElement(By.id("fig-" + e.getKey()));
                assertEquals(e.getValue()[0], fig.getText(), e.getKey() + " as shown");
                double expected = (Double) e.getValue()[1];
                String raw = fig.getAttribute("data-raw");
                if (Double.isFinite(expected)) {
                    assertEquals(expected, Double.parseDouble(raw), 0.0, e.getKey() + " to the last bit");
                    compared++;
                }
            }
            assertTrue(compared >= 6, "offered, throughput, p50, p99, errors and cost at least: " + compared);

            Map<String, Double> eight = stress(STAGE2, "services.gunicorn.workers=8");
            WebElement capacity = driver.findElement(By.id("cap-capacity"));
            assertEquals(eight.get("capacity_per_s"), Double.parseDouble(capacity.getAttribute("data-raw")), 0.0,
                    "the page's capacity is stress's, to the last bit");
            String low = capacity.getAttribute("data-low"); // empty: no load point was clearly met (stress: 0)
            assertEquals(eight.get("capacity_low_per_s"), low.isEmpty() ? 0 : Double.parseDouble(low), 0.0);
            assertTrue(capacity.getText().startsWith(String.format(java.util.Locale.ROOT, "≈ %.1f page views/s [",
                    eight.get("capacity_per_s"))), capacity.getText());
            assertTrue(!driver.findElement(By.id("cap-bottleneck")).getText().equals("–"), "the bottleneck is named");
            assertTrue(driver.findElement(By.id("cap-costAtCapacity")).getText().startsWith("$"));

            WebElement chart = driver.findElement(By.id("chart"));
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(driver.getScreenshotAs(OutputType.BYTES)));
            Rectangle r = chart.getRect();
            int inked = 0;
            int bars = 0;
            for (int y = r.getY(); y < Math.min(shot.getHeight(), r.getY() + r.getHeight()); y++) {
                for (int x = r.getX(); x < Math.min(shot.getWidth(), r.getX() + r.getWidth()); x++) {
                    int rgb = shot.getRGB(x, y) & 0xffffff;
                    if (rgb != 0xffffff) {
                        inked++;
                    }
                    if (rgb == 0x2e86c1 || rgb == 0xe67e22 || rgb == 0xc0392b) {
                        bars++;
                    }
                }
            }
            System.out.println("chart " + r.getWidth() + "x" + r.getHeight() + ": " + inked + " non-white pixels, "
                    + bars + " in the bars' colours");
            assertTrue(inked > r.getWidth() * r.getHeight() / 50, "the chart's rectangle is blank: " + inked);
            assertTrue(bars > 500, "no bars drawn in the chart: " + bars);
            assertTrue(driver.findElements(By.cssSelector("#topology svg")).size() == 1, "the topology is drawn");

            driver.findElement(By.id("walk")).click();
            wait.until(d -> String.valueOf(status.getText()).startsWith("walked 1 of 2"));
            long t1 = System.nanoTime();
            driver.findElement(By.id("walk-next")).click();
            wait.until(d -> String.valueOf(status.getText()).startsWith("walked 2 of 2"));
            System.out.printf("a step of the ladder walked on the page: %d ms (a capacity search and a run)%n",
                    (System.nanoTime() - t1) / 1_000_000);
            List<WebElement> rows = driver.findElements(By.cssSelector("#ladder tbody tr"));
            assertEquals(2, rows.size());
            assertEquals("1", driver.findElement(By.id("stage")).getAttribute("value"), "the stage walked to is shown");
            assertTrue(rows.get(1).getText().contains("stage-3-nginx") && rows.get(1).getText().contains("→"),
                    rows.get(1).getText());
            double two = stress(STAGE2, null).get("capacity_per_s");
            double three = stress(STAGE3, null).get("capacity_per_s");
            WebElement gain = rows.get(1).findElement(By.cssSelector("td.gain"));
            assertEquals((three / two - 1) * 100, Double.parseDouble(gain.getAttribute("data-raw")), 0.0,
                    "the gain shown is the ratio of stress's two capacities, to the last bit: " + gain.getText());
            assertTrue(gain.getText().startsWith(String.format(java.util.Locale.ROOT, "%s%.1f %% [",
                    three >= two ? "+" : "−", Math.abs((three / two - 1) * 100))), gain.getText());
            System.out.printf("ladder: stage 2 %.2f/s, stage 3 %.2f/s, gain %s%n", two, three, gain.getText());
            Files.createDirectories(Path.of("target")); // for the README's picture (docs/whatif-page.png)
            Files.write(Path.of("target", "whatif-page.png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            if (driver != null) {
                driver.quit();
            }
            service.stop();
        }
    }
}
