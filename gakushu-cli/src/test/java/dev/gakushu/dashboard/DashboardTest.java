package dev.gakushu.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.OptionalParts;
import dev.gakushu.cli.Gakushu;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Chromium (skipped with the reason without it): the page loads without
 * console errors, a finished run's charts hold its metrics.jsonl, and while a training process runs
 * the points shown grow by pushed lines. The screenshot is kept in target/.
 */
class DashboardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private static Process startTraining(Path out) throws Exception {
    return start(
        out,
        "train",
        "--hidden",
        "1000,1000",
        "--batch-size",
        "8",
        "--epochs",
        "300",
        "--threads",
        "1",
        "--no-progress",
        "--out",
        out.toString());
  }

  /** Runs the command line in a JVM of its own, its output in OUT's sibling live.log. */
  private static Process start(Path out, String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgakushu.gemmTuning=off",
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.gakushu.cli.Gakushu"));
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(out.resolveSibling("live.log").toFile())
        .start();
  }

  /** Runs the command line in this JVM, which must succeed, and returns what it printed. */
  private static String gakushu(String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Gakushu.execute(new PrintWriter(out), new PrintWriter(err), arguments);
    assertThat(status).as(err.toString()).isZero();
    return out.toString();
  }

  @Test
  void thePageDrawsFinishedAndLiveRunsWithoutConsoleErrors() throws Exception {
    Path chromium = OptionalParts.assumeChromium();
    Path runs = Files.createDirectories(tmp.resolve("runs"));
    gakushu(
        "train",
        "--epochs",
        "3",
        "--hidden",
        "50",
        "--activation",
        "tanh",
        "--no-progress",
        "--out",
        runs.resolve("done").toString());
    gakushu(
        "tune",
        "--epochs",
        "2",
        "--hidden",
        "20",
        "--trials",
        "4",
        "--space",
        "lr=log(1e-3,1e-1)",
        "--out",
        runs.resolve("search").toString());
    Process training = startTraining(runs.resolve("live"));
    try (DashboardServer server = DashboardServer.start(runs, 0);
        HeadlessChromium browser =
            new HeadlessChromium(chromium, tmp.resolve("profile"), 1300, 1700)) {
      browser.open(server.url() + "#done");
      assertThat(
              browser.waitFor(
                  "document.body.dataset.ready === '1' && window.dashboard.selected() === 'done'",
                  Duration.ofSeconds(60)))
          .isTrue();
      assertThat(browser.evaluate("document.body.dataset.points").asText()).isEqualTo("3");
      JsonNode accuracy = browser.evaluate("window.dashboard.chartData('accuracy')");
      List<String> metrics = Files.readAllLines(runs.resolve("done").resolve("metrics.jsonl"));
      for (int i = 0; i < 3; i++) {
        JsonNode m = JSON.readTree(metrics.get(i));
        assertThat(accuracy.get(0).get(i).asInt()).isEqualTo(m.get("epoch").asInt());
        assertThat(accuracy.get(1).get(i).asDouble())
            .isCloseTo(m.get("train_accuracy").asDouble(), within(1e-12));
        assertThat(accuracy.get(2).get(i).asDouble())
            .isCloseTo(m.get("validation_accuracy").asDouble(), within(1e-12));
      }
      JsonNode histogram = browser.evaluate("window.dashboard.chartData('hist-0')");
      JsonNode last =
          JSON.readTree(Files.readAllLines(runs.resolve("done").resolve("layers.jsonl")).get(3));
      assertThat(histogram.get(1)).isEqualTo(last.get("layers").get(1).get("histogram"));
      // loss, accuracy, lr; std, update ratio, gradient norm; the histogram of the one tanh layer
      assertThat(browser.evaluate("document.querySelectorAll('canvas').length").asInt())
          .isEqualTo(7);

      browser.open(server.url() + "#search");
      assertThat(
              browser.waitFor(
                  "window.dashboard.selected() === 'search' && document.body.dataset.points === '4'",
                  Duration.ofSeconds(60)))
          .isTrue();
      assertThat(browser.evaluate("document.querySelectorAll('#trials tr').length").asInt())
          .isEqualTo(5);
      // the scores as trials finished, the score against lr and the best trials' curves
      assertThat(browser.evaluate("document.querySelectorAll('canvas').length").asInt())
          .isEqualTo(3);
      assertThat(browser.evaluate("window.dashboard.chartData('scatter-lr')[1].length").asInt())
          .isEqualTo(4);

      browser.open(server.url() + "#live");
      assertThat(
              browser.waitFor(
                  "document.body.dataset.ready === '1' && window.dashboard.selected() === 'live' && Number(document.body.dataset.points) >= 1",
                  Duration.ofMinutes(3)))
          .as(
              () -> {
                try {
                  return "the live run's first epoch is drawn; page: "
                      + browser.evaluate(
                          "JSON.stringify([document.body.dataset, window.dashboard.selected(), location.href, document.getElementById('live').textContent])")
                      + "; errors "
                      + browser.errors()
                      + "; training: "
                      + Files.readString(runs.resolve("live.log"))
                      + "; files "
                      + java.util.Arrays.toString(runs.resolve("live").toFile().list());
                } catch (Exception e) {
                  return e.toString();
                }
              })
          .isTrue();
      int first = browser.evaluate("Number(document.body.dataset.points)").asInt();
      assertThat(
              browser.waitFor(
                  "Number(document.body.dataset.points) > "
                      + first
                      + " && Number(document.body.dataset.pushed) > 0",
                  Duration.ofMinutes(3)))
          .as("more epochs pushed while the page stays open")
          .isTrue();
      browser.screenshot(Path.of("target", "dashboard-screenshot.png").toAbsolutePath());
      assertThat(browser.errors()).isEmpty();
    } finally {
      training.destroyForcibly().waitFor();
    }
  }

  /**
   * A running tune in the page: its trials appear one by one as its journal grows (the table, the
   * scores as trials finish, the score against each dimension, the choice one at its values' places
   * and the int one at whole numbers), the importance pushed last equals the one tune writes to
   * results.json, and the search's report.html shows all its embedded figures.
   */
  @Test
  void aRunningSearchShowsEachTrialAsItFinishes() throws Exception {
    Path chromium = OptionalParts.assumeChromium();
    Path runs = Files.createDirectories(tmp.resolve("runs"));
    Path out = runs.resolve("search");
    int trials = 8;
    try (DashboardServer server = DashboardServer.start(runs, 0);
        HeadlessChromium browser =
            new HeadlessChromium(chromium, tmp.resolve("profile"), 1300, 1700)) {
      // the page waits for the search named after # to appear
      browser.open(server.url() + "#search");
      assertThat(browser.waitFor("window.dashboard !== undefined", Duration.ofSeconds(30)))
          .isTrue();
      Process tune =
          start(
              out,
              "tune",
              "--hidden",
              "300,300,300",
              "--epochs",
              "3",
              "--threads",
              "1",
              "--trials",
              Integer.toString(trials),
              "--space",
              "lr=log(1e-3,1e-1)",
              "--space",
              "hidden=choice(300,500)",
              "--space",
              "batch-size=int(8,16)",
              "--no-progress",
              "--out",
              out.toString());
      try {
        List<Integer> seen = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < end && !seen.contains(trials)) {
          int shown =
              browser
                  .evaluate(
                      "window.dashboard.selected() === 'search' ? Number(document.body.dataset.points) : -1")
                  .asInt();
          if (shown > 0 && !seen.contains(shown)) {
            seen.add(shown);
          }
          Thread.sleep(100);
        }
        assertThat(seen)
            .as(() -> "trials shown as they finished; " + log(runs) + " " + browser.errors())
            .contains(trials);
        assertThat(seen).as("some trials shown before the last finished").hasSizeGreaterThan(1);
        assertThat(seen).isSorted();
        assertThat(tune.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(tune.exitValue()).as(log(runs)).isZero();
      } finally {
        tune.destroyForcibly().waitFor();
      }
      assertThat(browser.evaluate("document.querySelectorAll('#trials tr').length").asInt())
          .isEqualTo(trials + 1);
      assertThat(
              browser.evaluate(
                  "window.dashboard.chartData('history')[0].length + ',' + window.dashboard.chartData('history')[1].length"))
          .isEqualTo(JSON.getNodeFactory().textNode(trials + "," + trials));
      for (JsonNode x : browser.evaluate("window.dashboard.chartData('scatter-hidden')[0]")) {
        assertThat(x.asDouble()).isIn(1.0, 2.0);
      }
      for (JsonNode x : browser.evaluate("window.dashboard.chartData('scatter-batch-size')[0]")) {
        assertThat(x.asDouble()).isBetween(8.0, 16.0).isEqualTo(Math.rint(x.asDouble()));
      }
      // batch sizes as whole numbers, the choice's values as given
      for (JsonNode cell :
          browser.evaluate(
              "Array.from(document.querySelectorAll('#trials tr td:nth-child(7)')).map(c => c.textContent)")) {
        assertThat(cell.asText()).isIn("300", "500");
      }
      for (JsonNode cell :
          browser.evaluate(
              "Array.from(document.querySelectorAll('#trials tr td:nth-child(8)')).map(c => c.textContent)")) {
        assertThat(cell.asText()).matches("\\d+");
      }
      JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
      assertThat(results.get("importance").isObject()).isTrue();
      assertThat(
              browser.waitFor(
                  "window.dashboard.importance() != null && window.dashboard.importance().trials === "
                      + trials,
                  Duration.ofSeconds(30)))
          .isTrue();
      JsonNode importance = browser.evaluate("window.dashboard.importance().importance");
      assertThat(importance).isEqualTo(results.get("importance"));
      assertThat(browser.evaluate("document.querySelectorAll('#importance tr').length").asInt())
          .isEqualTo(3);
      browser.screenshot(Path.of("target", "dashboard-search-screenshot.png").toAbsolutePath());
      assertThat(browser.errors()).isEmpty();

      browser.open(out.resolve("report.html").toUri().toString());
      assertThat(
              browser.waitFor(
                  "document.body && document.body.dataset.imagesLoaded === '4/4'",
                  Duration.ofSeconds(30)))
          .as(() -> browser.errors().toString())
          .isTrue();
      assertThat(browser.evaluate("document.querySelectorAll('#trials tr').length").asInt())
          .isEqualTo(trials + 1);
    }
  }

  private static String log(Path runs) {
    try {
      return "tune: " + Files.readString(runs.resolve("live.log"));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  /**
   * The runs table at 1,200 px: a run whose optimizer's full settings are long still leaves test
   * acc and directory on the screen, nothing scrolls sideways, and the times read as {@code gakushu
   * runs} prints them.
   */
  @Test
  void theRunsTableFitsTwelveHundredPixels() throws Exception {
    Path chromium = OptionalParts.assumeChromium();
    Path runs = Files.createDirectories(tmp.resolve("runs"));
    gakushu(
        "train",
        "--epochs",
        "1",
        "--hidden",
        "100,100,100",
        "--optimizer",
        "adam",
        "--no-progress",
        "--out",
        runs.resolve("a-run-with-a-rather-long-directory-name").toString());
    String cliTime =
        gakushu("runs", runs.toString()).lines().skip(1).findFirst().orElseThrow().substring(0, 16);
    try (DashboardServer server = DashboardServer.start(runs, 0);
        HeadlessChromium browser =
            new HeadlessChromium(chromium, tmp.resolve("profile"), 1200, 800)) {
      browser.open(server.url());
      assertThat(browser.waitFor("document.body.dataset.ready === '1'", Duration.ofSeconds(60)))
          .isTrue();
      assertThat(browser.evaluate("window.innerWidth").asInt()).isEqualTo(1200);
      JsonNode rights =
          browser.evaluate(
              "Array.from(document.querySelectorAll('#runs th')).map(c => c.getBoundingClientRect().right)");
      assertThat(rights).hasSize(10);
      for (JsonNode right : rights) {
        assertThat(right.asDouble()).isLessThanOrEqualTo(1200);
      }
      assertThat(browser.evaluate("document.documentElement.scrollWidth").asInt())
          .isLessThanOrEqualTo(1200);
      JsonNode cells =
          browser.evaluate(
              "Array.from(document.querySelectorAll('#runs tbody td')).map(c => [c.textContent, c.title])");
      assertThat(cells.get(0).get(0).asText()).isEqualTo(cliTime);
      assertThat(cells.get(5).get(1).asText()).startsWith("adam(lr=0.001, beta1=0.9");
      browser.screenshot(Path.of("target", "dashboard-runs-1200.png").toAbsolutePath());
      assertThat(browser.errors()).isEmpty();
    }
  }
}
