package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.observe.RunInfo;
import dev.gakushu.observe.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C (SIGINT) and SIGTERM sent to real train and tune processes: each stops at a checkpoint (a
 * journal line), marks its status "interrupted", prints one line with the command that resumes it
 * and exits 130 or 143; resuming ends with the bits of a run that was never interrupted.
 */
class InterruptTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Ten epochs of a few seconds in all, as {@link ResumeAfterKillTest} trains. */
  private static final String[] TRAIN = ResumeAfterKillTest.TRAIN;

  private static final String[] TUNE = {
    "tune",
    "--epochs",
    "3",
    "--hidden",
    "200,200",
    "--space",
    "lr=log(1e-3,1)",
    "--trials",
    "8",
    "--no-progress"
  };

  @TempDir static Path shared;
  private static Path reference;
  @TempDir Path tmp;

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static long lines(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readAllLines(file).size() : 0;
    } catch (IOException e) {
      return 0; // being written: ask again
    }
  }

  private static List<String> metricsWithoutSeconds(Path run) throws IOException {
    return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
        .map(line -> line.replaceAll(",\"seconds\":[^}]*", ""))
        .toList();
  }

  @BeforeAll
  static void runTheReference() {
    reference = shared.resolve("reference");
    CliRunner whole = CliRunner.run(with(TRAIN, "--out", reference.toString()));
    assertThat(whole.status()).as(whole.err()).isZero();
  }

  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143"})
  void aSignalStopsTrainingAtACheckpointThatResumesToTheSameBits(String signal, int status)
      throws Exception {
    Path run = tmp.resolve("run");
    ChildGakushu child =
        ChildGakushu.start(tmp.resolve("log"), with(TRAIN, "--out", run.toString()));
    assertThat(child.await(() -> lines(run.resolve("metrics.jsonl")) >= 2)).isTrue();
    child.signal(signal);
    assertThat(child.exitStatus()).as(child.output()).isEqualTo(status);

    List<String> said = child.output().lines().filter(l -> l.startsWith("gakushu:")).toList();
    assertThat(said)
        .singleElement()
        .asString()
        .matches(
            "gakushu: interrupted (after epoch \\d+|in epoch \\d+ after step \\d+); resume with:"
                + " gakushu train --resume "
                + java.util.regex.Pattern.quote(run.toString()));
    assertThat(JSON.readTree(run.resolve("status.json").toFile()).get("status").asText())
        .isEqualTo("interrupted");
    assertThat(RunInfo.read(run).status()).isEqualTo(RunStatus.State.INTERRUPTED);
    assertThat(run.resolve("run.lock")).doesNotExist();
    assertThat(run.resolve("model.safetensors")).doesNotExist();
    CliRunner listed = CliRunner.run("runs", tmp.toString());
    assertThat(listed.out()).contains("interrupted");

    CliRunner resumed = CliRunner.run("train", "--resume", run.toString());
    assertThat(resumed.status()).as(resumed.err()).isZero();
    assertThat(Files.readAllBytes(run.resolve("model.safetensors")))
        .isEqualTo(Files.readAllBytes(reference.resolve("model.safetensors")));
    assertThat(metricsWithoutSeconds(run)).isEqualTo(metricsWithoutSeconds(reference));
    assertThat(JSON.readTree(run.resolve("status.json").toFile()).get("status").asText())
        .isEqualTo("finished");
  }

  /** The finished trials of a search's journal, by number, as their lines. */
  private static Map<Integer, String> trials(Path search) throws IOException {
    Map<Integer, String> trials = new TreeMap<>();
    for (String line : Files.readAllLines(search.resolve("journal.jsonl"))) {
      var n = JSON.readTree(line);
      if (n.path("type").asText().equals("trial")) {
        trials.put(n.get("trial").asInt(), line);
      }
    }
    return trials;
  }

  @Test
  void ctrlCStopsASearchThatResumesFromItsOwnFolderToTheSameTrials() throws Exception {
    Path whole = tmp.resolve("whole");
    CliRunner uninterrupted = CliRunner.run(with(TUNE, "--out", whole.toString()));
    assertThat(uninterrupted.status()).as(uninterrupted.err()).isZero();

    Path search = tmp.resolve("search");
    ChildGakushu child =
        ChildGakushu.start(tmp.resolve("log"), with(TUNE, "--out", search.toString()));
    assertThat(
            child.await(
                () -> Files.exists(search.resolve("journal.jsonl")) && trials(search).size() >= 2))
        .isTrue();
    child.signal("INT");
    assertThat(child.exitStatus()).as(child.output()).isEqualTo(130);
    assertThat(child.output().lines().filter(l -> l.startsWith("gakushu:")).toList())
        .singleElement()
        .asString()
        .matches(
            "gakushu: interrupted with \\d of 8 trials finished; resume with: gakushu tune"
                + " --resume "
                + java.util.regex.Pattern.quote(search.toString())
                + " --trials 8");
    assertThat(RunInfo.read(search).status()).isEqualTo(RunStatus.State.INTERRUPTED);
    assertThat(trials(search).size()).isBetween(2, 7);

    // only the folder and the number of trials: the settings come from the journal
    CliRunner resumed = CliRunner.run("tune", "--resume", search.toString(), "--trials", "8");
    assertThat(resumed.status()).as(resumed.err()).isZero();
    assertThat(trials(search)).isEqualTo(trials(whole)).hasSize(8);
    assertThat(RunInfo.read(search).status()).isEqualTo(RunStatus.State.FINISHED);
  }
}
