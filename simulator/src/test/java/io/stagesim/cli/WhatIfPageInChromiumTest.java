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
 * the one {@code stagesim run} writes for the same {@code --set}, rate and seed, to the last bit;
 * the screenshot shows the chart drawn; walking the ladder fills a row per stage.
 */
final class WhatIfPageInChromiumTest {

    private static final Path STAGE2 = Path.of("..", "scenarios", "stage-2-gunicorn.yaml");
    private static final Path STAGE3 = Path.of("..", "scenarios", "stage-3-nginx.yaml");

    @TempDir
    Path dir;

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
        WhatIfServer.Limits limits = ServeCommand.limits("10s", "300s", 2, 3L, 50_000_000, 2, 4);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverExe.toFile()).usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,1060",
                "--user-data-dir=" + dir.resolve("profile"));
        ChromeDriver driver = null;
        try (WhatIfServer server = WhatIfServer.start(ServeCommand.stages(List.of(STAGE2, STAGE3)), limits,
                WhatIfServer.real(), "127.0.0.1", 0)) {
            driver = new ChromeDriver(service, options);
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(240));
            driver.get("http://127.0.0.1:" + server.port() + "/?token=" + server.token());
            WebElement status = driver.findElement(By.id("status"));
            wait.until(d -> "done".equals(status.getAttribute("data-state")));
            String first = driver.findElement(By.id("fig-p99")).getText();

            WebElement workers = driver.findElement(By.cssSelector("input[data-key='services.gunicorn.workers']"));
            assertEquals("5", workers.getAttribute("value"));
            long t0 = System.nanoTime();
            workers.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
            wait.until(d -> "done".equals(status.getAttribute("data-state"))
                    && String.valueOf(status.getAttribute("data-request")).contains("workers%3D8"));
            System.out.printf("what-if on the page: %d ms from the key press to the figures (under load; %s)%n",
                    (System.nanoTime() - t0) / 1_000_000, status.getText());
            assertTrue(!driver.findElement(By.id("fig-p99")).getText().equals(first) || first.equals("–"),
                    "the figures changed with 8 workers in place of 5");

            Path out = dir.resolve("run");
            int code = Main.execute("run", STAGE2.toString(), "--set", "services.gunicorn.workers=8", "--seed", "3",
                    "--replications", "2", "--duration", "10s", "--rate", "40/s", "--threads", "1",
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
            wait.until(d -> String.valueOf(status.getText()).startsWith("walked 2 stages"));
            List<WebElement> rows = driver.findElements(By.cssSelector("#ladder tbody tr"));
            assertEquals(2, rows.size());
            assertEquals("1", driver.findElement(By.id("stage")).getAttribute("value"), "the stage walked to is shown");
            assertTrue(rows.get(1).getText().contains("stage-3-nginx") && rows.get(1).getText().contains("→"),
                    rows.get(1).getText());
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
