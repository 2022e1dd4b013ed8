package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report renders in a real browser: a trained model's report.html, opened from disk by
 * headless Chromium with networking disabled, shows its text, its SVG loss curves and its inline
 * pictures. Chromium is Debian's {@code chromium}; without it the test is skipped, unless
 * {@code VAE4J_REQUIRE_CHROMIUM=1} (as in CI) makes its absence a failure.
 */
class ReportScreenshotIT {
    @TempDir
    Path dir;

    static Path chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    @Test
    void reportRendersWithCurvesAndPicturesInHeadlessChromium() throws IOException, InterruptedException {
        Path browser = chromium();
        if (browser == null) {
            assertThat(System.getenv("VAE4J_REQUIRE_CHROMIUM"))
                    .as("Chromium is required here: apt-get install chromium")
                    .isNull();
            Assumptions.abort("no Chromium (apt-get install chromium); report screenshot not checked");
        }
        Path data = MainTest.writeIdxFixture(Files.createDirectories(dir.resolve("idx")));
        Path model = dir.resolve("model");
        String[] common = {"--dataset", "idx", "--data", data.toString()};
        assertThat(MainTest.run(concat(
                                new String[] {
                                    "train",
                                    "--epochs",
                                    "3",
                                    "--latent-dims",
                                    "3",
                                    "--option",
                                    "hidden=32",
                                    "--batch-size",
                                    "50",
                                    "--out",
                                    model.toString()
                                },
                                common))
                        .code())
                .isZero();
        assertThat(MainTest.run(concat(
                                new String[] {"evaluate", "--model-dir", model.toString(), "--iw-samples", "10"},
                                common))
                        .code())
                .isZero();
        MainTest.Result report = MainTest.run(concat(new String[] {"report", "--model-dir", model.toString()}, common));
        assertThat(report.code()).as(report.err()).isZero();
        Path html = model.resolve("report.html");
        String page = Files.readString(html);
        assertThat(page)
                .contains("<svg")
                .contains("data:image/png;base64,")
                .contains("active units")
                .doesNotContain("src=\"http", "href=\"http"); // nothing fetched from a network

        Path shot = dir.resolve("report.png");
        Process p = new ProcessBuilder(
                        browser.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--hide-scrollbars",
                        "--user-data-dir=" + dir.resolve("profile"),
                        "--window-size=1200,2400",
                        "--screenshot=" + shot,
                        html.toUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(shot).as(Files.readString(dir.resolve("chromium.log"))).exists();
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        long dark = 0;
        long curveBlue = 0;
        long total = (long) image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (r + g + b < 150) {
                    dark++;
                }
                if (Math.abs(r - 0x1f) < 30 && Math.abs(g - 0x77) < 30 && Math.abs(b - 0xb4) < 30) {
                    curveBlue++;
                }
            }
        }
        // text and the black backgrounds of the digit pictures; the train curve drawn in the charts
        assertThat(dark).as("dark pixels").isGreaterThan(total / 50);
        assertThat(curveBlue).as("pixels of the blue training curve").isGreaterThan(100);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
