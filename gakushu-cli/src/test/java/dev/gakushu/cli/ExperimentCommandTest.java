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
  void theOutputSaysWhichExperimentRunsAndHowFarTheWholeIs() {
    List<Experiment> experiments = Experiments.all();
    for (int i = 0; i < experiments.size(); i++) {
      String of = (i + 1) + "/" + experiments.size();
      assertThat(result.out())
          .contains("[" + of + "] running " + experiments.get(i).name() + " (quick) ...")
          .contains("(" + of + " done, ");
    }
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
        String verdict = f.get("verdict").asText();
        assertThat(verdict).isIn("holds", "does not hold", "quick run too short to test");
        assertThat(f.get("holds").isBoolean()).isEqualTo(!verdict.startsWith("quick"));
        assertThat(f.get("claim").asText()).isNotBlank();
        assertThat(f.get("result").asText()).isNotBlank();
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
   * epochs, the search a hundred trials): a quick run marks them as too short to test.
   */
  @Test
  void theFindingsThatHoldAtQuickSizeHold() throws IOException {
    assertThat(result.status()).as(result.err()).isZero();
    Map<String, List<String>> robust =
        Map.of(
            "optimizer-paths", List.of("sgd-zigzags", "adagrad-ends-nearest"),
            "init-histograms",
                List.of(
                    "sigmoid-std1-saturates",
                    "sigmoid-std001-collapses",
                    "xavier-keeps-spread",
                    "relu-he-keeps-spread"),
            "regularization-compare", List.of("l2-shrinks", "max-norm-caps"));
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
  void theFindingsOfTheFullSizeAreMarkedUntestedInAQuickRun() throws IOException {
    Map<String, List<String>> fullSizeOnly =
        Map.of(
            "batch-norm", List.of("bn-higher-at-most-scales"),
            "overfit-dropout",
                List.of(
                    "overfits-without",
                    "regulariser-narrows-gap",
                    "regulariser-keeps-test-accuracy",
                    "regularised-training-levels-off"),
            "regularization-compare",
                List.of("every-regulariser-narrows-gap", "a-regulariser-keeps-test-accuracy"),
            "hyperparameter-search", List.of("lr-matters-more", "best-lr-in-books-range"),
            "optimizer-compare", List.of("adaptive-lowest", "sgd-slowest"),
            "init-compare", List.of("std-0.01-stalls", "he-fastest"));
    for (Map.Entry<String, List<String>> e : fullSizeOnly.entrySet()) {
      JsonNode findings = JSON.readTree(all.resolve(e.getKey()).resolve("findings.json").toFile());
      for (String id : e.getValue()) {
        JsonNode finding = null;
        for (JsonNode f : findings) {
          if (f.get("id").asText().equals(id)) {
            finding = f;
          }
        }
        assertThat(finding).as("%s has a finding %s", e.getKey(), id).isNotNull();
        assertThat(finding.get("verdict").asText()).isEqualTo("quick run too short to test");
      }
    }
    assertThat(result.out()).contains("[quick run too short to test] BatchNorm reaches");
  }

  /**
   * Each network of a comparison draws its own weights: with one draw rescaled, ReLU's layer-1
   * activations under He would be exactly √2 times Xavier's. The book's bins, per-layer numbers.
   */
  @Test
  void initHistogramsDrawEachNetworkAndBinAsTheBook() throws IOException {
    JsonNode numbers =
        JSON.readTree(all.resolve("init-histograms").resolve("init-histograms.json").toFile());
    double he = numbers.get("ReLU, He").get(0).get("std").asDouble();
    double xavier = numbers.get("ReLU, Xavier").get(0).get("std").asDouble();
    assertThat(Math.abs(he / xavier - Math.sqrt(2))).isGreaterThan(1e-3);
    for (JsonNode layer : numbers.get("tanh, Xavier")) {
      assertThat(layer.get("bins_from").asDouble()).isEqualTo(-1);
      assertThat(layer.get("bins_to").asDouble()).isEqualTo(1);
      assertThat(layer.get("mean").isNumber()).isTrue();
      assertThat(layer.get("counts")).hasSize(30);
    }
    JsonNode reluSmall = numbers.get("ReLU, std 0.01").get(4);
    assertThat(reluSmall.get("bins_from").asDouble()).isZero();
    // vanished: every positive activation of the last layer falls in the first bin
    long inFirst = reluSmall.get("counts").get(0).asLong();
    long total = 0;
    for (JsonNode c : reluSmall.get("counts")) {
      total += c.asLong();
    }
    assertThat(inFirst).isEqualTo(total).isPositive();
    assertThat(reluSmall.get("share_zero").asDouble()).isBetween(0.3, 0.7);
  }

  /**
   * regularization-compare: six variants with curves and weight histograms, L1's λ chosen from the
   * candidates by the validation split, max-norm's columns within c; the same seed gives the same
   * bits.
   */
  @Test
  void regularizationCompareWritesEveryVariantAndRepeatsToTheBit() throws IOException {
    Path dir = all.resolve("regularization-compare");
    JsonNode numbers = JSON.readTree(dir.resolve("regularization-compare.json").toFile());
    List<String> variants = List.of("none", "l2", "l1", "max-norm", "dropout", "dropout+max-norm");
    long weights = -1;
    for (String v : variants) {
      JsonNode variant = numbers.get(v);
      assertThat(variant).as(v).isNotNull();
      assertThat(variant.get("train_accuracy")).hasSize(4);
      assertThat(variant.get("test_accuracy")).hasSize(4);
      long counted = 0;
      for (JsonNode c : variant.get("weights").get("histogram").get("counts")) {
        counted += c.asLong();
      }
      assertThat(counted).as("every weight of %s is in its histogram", v).isPositive();
      if (weights >= 0) {
        assertThat(counted).isEqualTo(weights);
      }
      weights = counted;
    }
    assertThat(numbers.get("max-norm").get("weights").get("max_column_norm").asDouble())
        .isLessThanOrEqualTo(3 + 1e-5);
    JsonNode search = numbers.get("l1_search");
    assertThat(search.get("candidates")).hasSize(search.get("validation_accuracy").size());
    double chosen = search.get("chosen").asDouble();
    double best = -1;
    double bestLambda = 0;
    for (int i = 0; i < search.get("candidates").size(); i++) {
      if (search.get("validation_accuracy").get(i).asDouble() > best) {
        best = search.get("validation_accuracy").get(i).asDouble();
        bestLambda = search.get("candidates").get(i).asDouble();
      }
    }
    assertThat(chosen).isEqualTo(bestLambda);
    assertThat(JSON.readTree(dir.resolve("config.json").toFile()).get("l1_search").asText())
        .contains("never the test set");

    // again on one thread (the first run used all cores): the same numbers, to the bit
    Path again = tmp.resolve("regularization-again");
    CliRunner r =
        CliRunner.run(
            "experiment",
            "regularization-compare",
            "--quick",
            "--threads",
            "1",
            "--out",
            again.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(Files.readString(again.resolve("regularization-compare.json")))
        .isEqualTo(Files.readString(dir.resolve("regularization-compare.json")));
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
    for (String threads : List.of("0", "1025")) {
      CliRunner t =
          CliRunner.run(
              "experiment",
              "init-compare",
              "--threads",
              threads,
              "--out",
              tmp.resolve("t").toString());
      assertThat(t.status()).isEqualTo(2);
      assertThat(t.err()).contains("--threads").contains(threads).contains("from 1 to 1024");
      assertThat(tmp.resolve("t")).doesNotExist();
    }
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
