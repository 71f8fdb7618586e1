package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gakushu runs and runs compare on runs made here: finished, diverged, stopped, a search. */
class RunsCommandTest {
  @TempDir static Path runs;

  private static void ok(CliRunner r) {
    assertThat(r.status()).as(r.err()).isZero();
  }

  @BeforeAll
  static void makeRuns() throws Exception {
    String[] common = {"train", "--epochs", "2", "--hidden", "30", "--no-progress"};
    ok(CliRunner.run(with(common, "--out", runs.resolve("adam").toString())));
    ok(
        CliRunner.run(
            with(
                common,
                "--optimizer",
                "sgd",
                "--lr",
                "0.1",
                "--out",
                runs.resolve("sgd").toString())));
    CliRunner diverged =
        CliRunner.run(
            with(
                common,
                "--optimizer",
                "sgd",
                "--lr",
                "1e30",
                "--init",
                "normal",
                "--init-std",
                "10",
                "--out",
                runs.resolve("diverged").toString()));
    assertThat(diverged.status()).isEqualTo(3);
    ok(
        CliRunner.run(
            "tune",
            "--epochs",
            "2",
            "--hidden",
            "20",
            "--trials",
            "3",
            "--space",
            "lr=log(1e-3,1e-1)",
            "--out",
            runs.resolve("search").toString()));
    // an experiment's folder, as experiment writes it: its findings and settings
    Path experiment = Files.createDirectories(runs.resolve("experiment"));
    Files.writeString(
        experiment.resolve("findings.json"),
        "[{\"claim\":\"a\",\"verdict\":\"HOLDS\"},{\"claim\":\"b\",\"verdict\":\"HOLDS\"}]");
    Files.writeString(experiment.resolve("config.json"), "{\"experiment\":\"weight-init\"}");
    // a run whose process was killed: its status says running, but that process is gone
    Path killed = runs.resolve("nested").resolve("killed");
    Files.createDirectories(killed);
    for (String f : List.of("config.json", "metrics.jsonl")) {
      Files.copy(runs.resolve("adam").resolve(f), killed.resolve(f));
    }
    Process gone = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
    gone.getInputStream().readAllBytes();
    gone.waitFor();
    Files.writeString(
        killed.resolve("status.json"),
        "{\"status\":\"running\",\"pid\":"
            + gone.pid()
            + ",\"host\":\""
            + java.net.InetAddress.getLocalHost().getHostName()
            + "\"}");
  }

  private static String[] with(String[] common, String... more) {
    String[] all = java.util.Arrays.copyOf(common, common.length + more.length);
    System.arraycopy(more, 0, all, common.length, more.length);
    return all;
  }

  private static String row(String out, String directory) {
    return out.lines()
        .filter(l -> l.endsWith("  " + directory))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + directory + " in\n" + out));
  }

  @Test
  void listsEveryRunAndSearchWithItsStatus() {
    CliRunner r = CliRunner.run("runs", runs.toString());
    ok(r);
    assertThat(r.out().lines().findFirst().orElseThrow())
        .contains(
            "time",
            "status",
            "command",
            "data",
            "network",
            "optimizer",
            "epochs",
            "best val",
            "test acc");
    assertThat(row(r.out(), "adam"))
        .contains("finished", "train", "digits", "64-30-10 relu", "adam(lr=0.001", "2/2");
    assertThat(row(r.out(), "sgd")).contains("finished", "sgd(lr=0.1)");
    assertThat(row(r.out(), "diverged")).contains("diverged", "0/2");
    assertThat(row(r.out(), "nested/killed")).contains("stopped", "2/2");
    assertThat(row(r.out(), "search")).contains("finished", "tune random", "3 trials", "20 relu");
    assertThat(r.out().lines().count()).isEqualTo(7);
  }

  /** An experiment's folder is an experiment, not a stopped train run without layers. */
  @Test
  void anExperimentIsListedAsOne() {
    CliRunner r = CliRunner.run("runs", runs.toString());
    assertThat(row(r.out(), "experiment"))
        .contains("finished", "experiment", "2 findings")
        .doesNotContain("train", "no hidden layer", "?");
  }

  /** The summary holds the layer widths as numbers, which runs shows. */
  @Test
  void theSummaryHoldsTheLayerWidths() throws IOException {
    var summary =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(runs.resolve("adam").resolve("summary.json").toFile());
    assertThat(summary.get("widths").toString()).isEqualTo("[64,30,10]");
    assertThat(summary.get("batch_norm").asBoolean()).isFalse();
  }

  /** A search's best is its best trial's score as tune ranks them: the last epoch's accuracy. */
  @Test
  void aSearchsBestIsItsBestTrialsScore() throws IOException {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    double best = Double.NEGATIVE_INFINITY;
    for (String line : Files.readAllLines(runs.resolve("search").resolve("journal.jsonl"))) {
      var n = json.readTree(line);
      if (n.path("type").asText().equals("trial")) {
        var accuracy = n.get("validation_accuracy");
        best = Math.max(best, accuracy.get(accuracy.size() - 1).asDouble());
      }
    }
    CliRunner r = CliRunner.run("runs", runs.toString());
    assertThat(row(r.out(), "search")).contains(String.format(java.util.Locale.ROOT, "%.4f", best));
  }

  @Test
  void theListedAccuraciesAreThoseOfTheRunsFiles() throws IOException {
    CliRunner r = CliRunner.run("runs", runs.toString());
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    double test =
        json.readTree(runs.resolve("adam").resolve("summary.json").toFile())
            .get("test_accuracy")
            .asDouble();
    double best = 0;
    for (String line : Files.readAllLines(runs.resolve("adam").resolve("metrics.jsonl"))) {
      best = Math.max(best, json.readTree(line).get("validation_accuracy").asDouble());
    }
    assertThat(row(r.out(), "adam"))
        .contains(String.format(java.util.Locale.ROOT, "%.4f", best))
        .contains(String.format(java.util.Locale.ROOT, "%.4f", test));
  }

  @Test
  void compareShowsTheSettingsThatDifferAndWritesAChart() throws IOException {
    Path chart = runs.resolve("compare.png");
    CliRunner r =
        CliRunner.run(
            "runs",
            "compare",
            runs.resolve("adam").toString(),
            runs.resolve("sgd").toString(),
            "--chart",
            chart.toString());
    ok(r);
    String differ = r.out().substring(0, r.out().indexOf("figures:"));
    assertThat(differ).contains("settings that differ:");
    assertThat(
            differ.lines().filter(l -> l.startsWith("  optimizer.name ")).findFirst().orElseThrow())
        .contains("adam", "sgd");
    assertThat(
            differ.lines().filter(l -> l.startsWith("  optimizer.lr ")).findFirst().orElseThrow())
        .contains("0.001", "0.1");
    assertThat(differ).doesNotContain("  seed ").doesNotContain("  loop.epochs ");
    assertThat(r.out()).contains("best validation accuracy", "test accuracy", "chart: " + chart);
    assertThat(javax.imageio.ImageIO.read(chart.toFile()).getWidth()).isEqualTo(1120);
  }

  @Test
  void badFoldersAreBadInput() {
    CliRunner missing = CliRunner.run("runs", runs.resolve("nowhere").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err().strip())
        .isEqualTo(
            "gakushu: " + runs.resolve("nowhere") + " is not a folder; expected a folder of runs");
    CliRunner notRun =
        CliRunner.run(
            "runs", "compare", runs.resolve("adam").toString(), runs.resolve("nested").toString());
    assertThat(notRun.status()).isEqualTo(2);
    assertThat(notRun.err())
        .contains(runs.resolve("nested") + " is not a run, search or experiment directory");
    CliRunner search =
        CliRunner.run(
            "runs", "compare", runs.resolve("adam").toString(), runs.resolve("search").toString());
    assertThat(search.status()).isEqualTo(2);
    assertThat(search.err()).contains("is a search; runs compare takes run directories of train");
  }
}
