package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.vae4j.TrainedVae;
import org.vae4j.Vae4j;
import org.vae4j.analysis.Disentanglement;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.report.DisentanglementReport;
import org.vae4j.report.Explorer;

/**
 * The latent explorer in a real browser: Debian's headless Chromium driven by chromedriver opens the
 * generated page from disk, moves sliders with the mouse and the keyboard, and reads the canvas; every
 * pixel must match what the Java decoder gives for the same code (within 2/255). Without Chromium or
 * chromedriver the test is skipped with a message, unless {@code VAE4J_REQUIRE_CHROMIUM=1} (as in CI).
 */
class ExplorerBrowserIT {
    private static final double TOLERANCE = 2.0 / 255;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static ChromeDriver driver;
    static Vae4j vae;
    static DatasetPair data;
    static TrainedVae plain;
    static TrainedVae conditional;
    static Path plainPage;
    static Path conditionalPage;
    static Path plainDir;
    static final List<Double> decodeMillis = new ArrayList<>();

    private static Path find(String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    @BeforeAll
    static void modelsPagesAndBrowser() throws IOException {
        Path chromium = ReportScreenshotIT.chromium();
        Path chromedriver = find("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        if (chromium == null || chromedriver == null) {
            assertThat(System.getenv("VAE4J_REQUIRE_CHROMIUM"))
                    .as("Chromium and chromedriver are required here:" + " apt-get install chromium chromium-driver")
                    .isNotEqualTo("1");
            System.out.println("SKIPPED ExplorerBrowserIT: no Chromium or chromedriver (apt-get install chromium"
                    + " chromium-driver)");
            Assumptions.abort("no Chromium or chromedriver (apt-get install chromium chromium-driver)");
        }
        Path idx = MainTest.writeIdxFixture(Files.createDirectories(work.resolve("idx")));
        vae = Vae4j.builder().threads(1).cacheDirectory(work.resolve("cache")).build();
        data = vae.dataset("idx", idx);
        plainDir = work.resolve("plain");
        plain = vae.trainer("beta-vae")
                .option("beta", 2)
                .option("hidden", "32")
                .latentDims(3)
                .epochs(3)
                .seed(5)
                .saveTo(plainDir)
                .train(data);
        // aligned, labelled and oriented sliders come from disentanglement.json
        DisentanglementReport.write(
                Disentanglement.builder(plain, data)
                        .attributes(List.of("thickness", "slant", "width"))
                        .metrics(List.of("mig"))
                        .run(),
                plainDir);
        plainPage = Explorer.write(plain, data.test(), plainDir, plainDir.resolve(Explorer.FILE));
        Path condDir = work.resolve("cvae");
        conditional = vae.trainer("cvae")
                .option("hidden", "32")
                .latentDims(2)
                .epochs(2)
                .seed(5)
                .saveTo(condDir)
                .train(data);
        conditionalPage = Explorer.write(conditional, data.test(), condDir, condDir.resolve(Explorer.FILE));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1200,1100",
                "--allow-file-access-from-files");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20)).pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            List<Double> sorted = new ArrayList<>(decodeMillis);
            sorted.sort(null);
            if (!sorted.isEmpty()) {
                System.out.printf(
                        "explorer decode time per frame in Chromium: median %.2f ms over %d frames%n",
                        sorted.get(sorted.size() / 2), sorted.size());
            }
            driver.quit();
        }
        if (vae != null) {
            vae.close();
        }
    }

    private static void open(Path page, String fragment) {
        // a fragment-only change of the same page would not reload it, so leave the page first: a
        // refresh right after such a same-document navigation was once "aborted by navigation"
        // in CI
        driver.get("about:blank");
        driver.get(page.toUri() + fragment);
    }

    private static JavascriptExecutor js() {
        return driver;
    }

    @SuppressWarnings("unchecked")
    private static float[] code() {
        Map<String, Object> state = (Map<String, Object>) js().executeScript("return explorer.state();");
        List<Number> z = (List<Number>) state.get("z");
        float[] out = new float[z.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = z.get(i).floatValue();
        }
        return out;
    }

    private static int label() {
        return ((Number) ((Map<?, ?>) js().executeScript("return explorer.state();")).get("y")).intValue();
    }

    /** The 28x28 canvas as the page drew it: ink p = 1 - gray / 255. */
    @SuppressWarnings("unchecked")
    private static double[] canvasPixels() {
        List<Number> gray = (List<Number>) js().executeScript("const c = document.getElementById('pixels');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "const out = []; for (let i = 0; i < d.length; i += 4) out.push(d[i]); return out;");
        double[] p = new double[gray.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = 1 - gray.get(i).doubleValue() / 255;
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private static void collectDecodeTimes() {
        for (Number ms : (List<Number>) js().executeScript("return explorer.decodeMs();")) {
            decodeMillis.add(ms.doubleValue());
        }
    }

    /** The page's digit is the Java decoder's image of the page's code (and class), pixel by pixel. */
    private static void assertCanvasMatchesJava(TrainedVae model) {
        float[] z = code();
        float[] expected = model.conditionSize() > 0
                ? model.decode(new float[][] {z}, new int[] {label()})[0]
                : model.decode(new float[][] {z})[0];
        double[] actual = canvasPixels();
        assertThat(actual).hasSize(expected.length);
        double worst = 0;
        for (int k = 0; k < expected.length; k++) {
            worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
        }
        assertThat(worst)
                .as(
                        "largest pixel difference between the page and the Java decoder at z=%s",
                        java.util.Arrays.toString(z))
                .isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void draggingAndKeyingASliderDrawsWhatTheJavaDecoderDraws() {
        open(plainPage, "");
        WebElement slider = driver.findElements(By.cssSelector("#sliders input[type=range]"))
                .get(0);
        int dim = Integer.parseInt(slider.getAttribute("data-dim"));
        assertThat(code()[dim]).isZero();
        assertCanvasMatchesJava(plain);

        new Actions(driver).dragAndDropBy(slider, 70, 0).perform();
        float afterDrag = code()[dim];
        assertThat(afterDrag).isNotZero();
        assertCanvasMatchesJava(plain);

        slider.sendKeys(Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.ARROW_LEFT);
        float afterKeys = code()[dim];
        assertThat(Math.abs(afterKeys - afterDrag)).isCloseTo(0.05f, org.assertj.core.data.Offset.offset(1e-3f));
        assertCanvasMatchesJava(plain);
        collectDecodeTimes();
    }

    @Test
    void alignedSlidersAreLabelledAndOrientedByTheirAttribute() throws IOException {
        JsonNode alignment =
                JSON.readTree(plainDir.resolve(Disentanglement.FILE).toFile()).get("alignment");
        open(plainPage, "");
        int checked = 0;
        for (JsonNode a : alignment) {
            if (a.get("dimension").isNull()) {
                continue;
            }
            int dim = a.get("dimension").asInt();
            WebElement slider = driver.findElement(By.id("z" + dim));
            String label = driver.findElement(By.cssSelector("label[for=z" + dim + "]"))
                    .getText();
            assertThat(label).startsWith("z" + dim + " - " + a.get("attribute").asText() + ", |rho| ");
            // moving right increases the attribute: the code moves with the sign of the correlation
            js().executeScript("arguments[0].value = 1.5; arguments[0].dispatchEvent(new Event('input'));", slider);
            assertThat(code()[dim]).isEqualTo(a.get("spearman").asDouble() < 0 ? -1.5f : 1.5f);
            assertCanvasMatchesJava(plain);
            checked++;
        }
        assertThat(checked).isPositive();
    }

    @Test
    void aGalleryDigitSetsTheSlidersToItsEncodedMeans() {
        open(plainPage, "");
        int image = 7;
        driver.findElement(By.cssSelector("#gallery button[data-index='" + image + "']"))
                .click();
        float[] expected = plain.encode(new float[][] {
            java.util.Arrays.copyOfRange(data.test().pixels(), image * 784, (image + 1) * 784)
        })[0];
        float[] z = code();
        for (int u = 0; u < z.length; u++) {
            assertThat(z[u]).as("z%d", u).isCloseTo(expected[u], org.assertj.core.data.Offset.offset(1e-3f));
            WebElement slider = driver.findElement(By.id("z" + u));
            double shown = Double.parseDouble(slider.getAttribute("value"));
            assertThat(Math.abs(shown))
                    .as("slider z%d", u)
                    .isCloseTo(Math.abs(expected[u]), org.assertj.core.data.Offset.offset(0.006));
        }
        assertCanvasMatchesJava(plain);
    }

    @Test
    void theUrlFragmentRestoresADesign() {
        open(plainPage, "#z=0.500,-1.250,2.000");
        assertThat(code()).containsExactly(0.5f, -1.25f, 2f);
        assertCanvasMatchesJava(plain);
        // and every change is written back into the address
        driver.findElement(By.id("reset")).click();
        assertThat(driver.getCurrentUrl()).endsWith("#z=0.000,0.000,0.000");
    }

    @Test
    void aConditionalModelsClassChangesTheDigitAsTheJavaDecoderSays() {
        open(conditionalPage, "#z=0.300,-0.700&y=1");
        assertThat(label()).isEqualTo(1);
        assertCanvasMatchesJava(conditional);
        double[] one = canvasPixels();
        new Select(driver.findElement(By.id("class"))).selectByValue("2");
        assertThat(label()).isEqualTo(2);
        assertCanvasMatchesJava(conditional);
        assertThat(canvasPixels()).isNotEqualTo(one);
        assertThat(driver.getCurrentUrl()).endsWith("&y=2");
        collectDecodeTimes();
    }

    @Test
    void savePngDownloadsTheCurrentDigit() {
        open(plainPage, "#z=1.000,0.000,-1.000");
        // record the download link instead of letting the headless browser save a file
        js().executeScript("window.saved = []; HTMLAnchorElement.prototype.click = function () {"
                + " window.saved.push([this.download, this.href]); };");
        driver.findElement(By.id("save")).click();
        List<?> saved = (List<?>) ((List<?>) js().executeScript("return window.saved;")).get(0);
        assertThat(saved.get(0)).isEqualTo("vae4j-digit.png");
        String png = (String) saved.get(1);
        assertThat(png).startsWith("data:image/png;base64,");
        byte[] bytes = java.util.Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1));
        assertThat(java.util.Arrays.copyOf(bytes, 4)).containsExactly(0x89, 'P', 'N', 'G');
    }

    @Test
    void decodingFollowsADraggedSlider() {
        open(plainPage, "");
        // 60 frames as a drag produces them, each decoded and drawn
        js().executeScript("for (let i = 0; i < 60; i++) explorer.setState([Math.sin(i / 10) * 2, 0, 0]);");
        collectDecodeTimes();
        assertThat(decodeMillis).isNotEmpty();
        assertCanvasMatchesJava(plain);
    }
}
