package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.experiments.Experiment;
import dev.gakushu.experiments.Experiments;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every experiment at its quick size: files exist, numbers are finite, findings are computed. */
class ExperimentCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;

  private static Path all;
  private static CliRunner result;

  @BeforeAll
  static void runAllQuickly() {
    all = tmp.resolve("all");
    result = CliRunner.run("experiment", "all", "--quick", "--out", all.toString());
  }

  @Test
  void everyExperimentWritesItsFigureNumbersAndFindings() throws IOException {
    assertThat(result.status()).as(result.err()).isZero();
    for (Experiment e : Experiments.all()) {
      Path dir = all.resolve(e.name());
      BufferedImage png = ImageIO.read(dir.resolve(e.name() + ".png").toFile());
      assertThat(png.getWidth()).as(e.name()).isGreaterThan(300);
      assertThat(Files.readString(dir.resolve(e.name() + ".svg"))).contains("<svg");
      String numbers = Files.readString(dir.resolve(e.name() + ".json"));
      assertThat(numbers).doesNotContain("NaN").doesNotContain("Infinity");
      JsonNode findings = JSON.readTree(dir.resolve("findings.json").toFile());
      assertThat(findings).as(e.name()).isNotEmpty();
      for (JsonNode f : findings) {
        assertThat(f.get("holds").isBoolean()).isTrue();
        assertThat(f.get("measured").isNull()).isFalse();
      }
      assertThat(JSON.readTree(dir.resolve("config.json").toFile()).get("seed").asLong())
          .isEqualTo(42);
    }
    String report = Files.readString(all.resolve("report.html"));
    assertThat(report).doesNotContain("http://").doesNotContain("https://");
    for (Experiment e : Experiments.all()) {
      assertThat(report).contains("src=\"" + e.name() + "/" + e.name() + ".png\"");
    }
  }

  /**
   * The findings that hold at quick size on the digits and on Fashion-MNIST alike, measured on
   * both: each must hold here. The others need the full size (the overfitting ones need hundreds of
   * epochs, the search a hundred trials).
   */
  @Test
  void theFindingsThatHoldAtQuickSizeHold() throws IOException {
    assertThat(result.status()).as(result.err()).isZero();
    Map<String, List<String>> robust =
        Map.of(
            "optimizer-paths", List.of("sgd-zigzags"),
            "optimizer-compare", List.of("adaptive-lowest", "sgd-slowest"),
            "init-histograms",
                List.of(
                    "sigmoid-std1-saturates",
                    "sigmoid-std001-collapses",
                    "xavier-keeps-spread",
                    "relu-he-keeps-spread"),
            "init-compare", List.of("std-0.01-stalls", "he-fastest"));
    for (Map.Entry<String, List<String>> e : robust.entrySet()) {
      JsonNode findings = JSON.readTree(all.resolve(e.getKey()).resolve("findings.json").toFile());
      for (String id : e.getValue()) {
        JsonNode finding = null;
        for (JsonNode f : findings) {
          if (f.get("id").asText().equals(id)) {
            finding = f;
          }
        }
        assertThat(finding).as("%s has a finding %s", e.getKey(), id).isNotNull();
        assertThat(finding.get("holds").asBoolean()).as("%s: %s", e.getKey(), finding).isTrue();
      }
    }
  }

  @Test
  void theExperimentsTakeDataAsTrainDoes() throws IOException {
    Path out = tmp.resolve("digits");
    CliRunner r =
        CliRunner.run("experiment", "all", "--quick", "--data", "digits", "--out", out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("note:");
    assertThat(Files.readString(out.resolve("report.html"))).contains("data: digits;");
    CliRunner bad =
        CliRunner.run(
            "experiment",
            "init-compare",
            "--data",
            "nowhere",
            "--out",
            tmp.resolve("x").toString());
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("data 'nowhere': no such data set");
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void optimizerPathsAloneShowsTheZigZag() throws IOException {
    Path out = tmp.resolve("paths");
    CliRunner r = CliRunner.run("experiment", "optimizer-paths", "--out", out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("[holds] SGD zig-zags");
    BufferedImage png = ImageIO.read(out.resolve("optimizer-paths.png").toFile());
    assertThat(png.getWidth()).isEqualTo(3 * 420);
    JsonNode findings = JSON.readTree(out.resolve("findings.json").toFile());
    assertThat(findings.get(0).get("id").asText()).isEqualTo("sgd-zigzags");
    assertThat(findings.get(0).get("measured").get("y_sign_changes").asInt()).isGreaterThan(10);
  }

  @Test
  void anUnknownExperimentIsBadInput() {
    CliRunner r =
        CliRunner.run("experiment", "init-everything", "--out", tmp.resolve("n").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("'init-everything'");
    assertThat(tmp.resolve("n")).doesNotExist();
  }

  /**
   * A real browser opens the report: every image must load and the console must stay free of
   * errors. The screenshot is kept in target/ as an artifact. Needs Debian's chromium (.ci/run
   * installs it); without it the test is skipped with a message.
   */
  @Test
  void aHeadlessBrowserShowsEveryImageWithoutConsoleErrors() throws Exception {
    Path chromium = dev.gakushu.OptionalParts.assumeChromium();
    Path page = all.resolve("report.html").toAbsolutePath();
    Path profile = Files.createTempDirectory(tmp, "chromium");
    List<String> flags =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=5000"));
    List<String> dom = new ArrayList<>(flags);
    dom.addAll(List.of("--dump-dom", page.toUri().toString()));
    Process p = new ProcessBuilder(dom).redirectError(tmp.resolve("chromium.log").toFile()).start();
    String html =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    int images = Experiments.all().size();
    assertThat(html).contains("data-images-loaded=\"" + images + "/" + images + "\"");
    String log = Files.readString(tmp.resolve("chromium.log"));
    assertThat(log.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")).toList())
        .isEmpty();

    Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    List<String> shot = new ArrayList<>(flags);
    shot.addAll(
        List.of("--window-size=1300,2400", "--screenshot=" + screenshot, page.toUri().toString()));
    Process s =
        new ProcessBuilder(shot)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(s.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ImageIO.read(screenshot.toFile()).getWidth()).isEqualTo(1300);
  }
}
