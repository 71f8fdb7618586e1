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
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.gakushu.cli.Gakushu",
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
                out.toString()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(out.resolveSibling("live.log").toFile())
        .start();
  }

  @Test
  void thePageDrawsFinishedAndLiveRunsWithoutConsoleErrors() throws Exception {
    Path chromium = OptionalParts.assumeChromium();
    Path runs = Files.createDirectories(tmp.resolve("runs"));
    StringWriter err = new StringWriter();
    int status =
        Gakushu.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
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
    assertThat(status).as(err.toString()).isZero();
    status =
        Gakushu.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
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
    assertThat(status).as(err.toString()).isZero();
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
      // the best trials' curves and the score against lr
      assertThat(browser.evaluate("document.querySelectorAll('canvas').length").asInt())
          .isEqualTo(2);
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
}
