package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.data.DataAccess;
import dev.gakushu.spec.RunSpecJson;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.TrainState;
import dev.gakushu.train.TrainingInterruptedException;
import dev.gakushu.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The early-stopped run ({@code --early-stop 3 --early-stop-min-delta 0.005}), stopped at
 * every epoch boundary with the checkpoint a SIGKILL after that boundary's checkpoint leaves (the
 * boundary after the stopping epoch included, where the stop is decided but the model not yet
 * written), and once killed for real with SIGKILL: each resume ends with the bytes of the run that
 * never stopped.
 */
class EarlyStopResumeTest {
  static final String[] TRAIN = {
    "train",
    "--early-stop",
    "3",
    "--early-stop-min-delta",
    "0.005",
    "--epochs",
    "60",
    "--no-progress",
    "--threads",
    "2"
  };

  @TempDir static Path shared;
  private static Path reference;
  private static int epochs;
  @TempDir Path tmp;

  @BeforeAll
  static void runTheReference() throws IOException {
    reference = shared.resolve("reference");
    List<String> args = new ArrayList<>(List.of(TRAIN));
    args.addAll(List.of("--out", reference.toString()));
    CliRunner whole = CliRunner.run(args.toArray(String[]::new));
    assertThat(whole.status()).as(whole.err()).isZero();
    assertThat(whole.out()).contains("stopped after epoch");
    epochs = Files.readAllLines(reference.resolve("metrics.jsonl")).size();
    assertThat(epochs).as("the run stops early").isBetween(5, 59);
  }

  @Test
  void stoppedAtEveryEpochBoundaryResumesToTheSameBits() throws Exception {
    for (int boundary = 1; boundary <= epochs; boundary++) {
      Path run = tmp.resolve("after-epoch-" + boundary);
      stopAfterEpoch(run, boundary);
      resumeAndCompare(run, "a stop after epoch " + boundary);
    }
  }

  @Test
  void killedWithSigkillResumesToTheSameBits() throws Exception {
    Path run = tmp.resolve("killed");
    List<String> command = new ArrayList<>(ChildGakushu.javaCommand());
    command.addAll(List.of(TRAIN));
    command.addAll(List.of("--out", run.toString()));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    int at = epochs - 2; // past the best epoch's improvement, while patience runs out
    assertThat(ChildGakushu.await(p, () -> lines(run.resolve("metrics.jsonl")) >= at)).isTrue();
    p.destroyForcibly(); // SIGKILL
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    resumeAndCompare(run, "a SIGKILL after epoch " + at);
  }

  /**
   * Trains the reference's specification into {@code run} and stops it right after the checkpoint
   * written at the end of epoch {@code boundary}: what a SIGKILL at that moment leaves.
   */
  private static void stopAfterEpoch(Path run, int boundary) {
    TrainingRun training =
        TrainingRun.prepare(
            RunSpecJson.read(reference.resolve(TrainingRun.CONFIG)), DataAccess.standard());
    boolean[] reached = new boolean[1];
    TrainListener watch =
        new TrainListener() {
          @Override
          public void onState(TrainState state) {
            reached[0] = state.nextBatch() == 0 && state.completedEpochs() == boundary;
          }
        };
    training.stoppingWhen(() -> reached[0]);
    try (RunDirectory dir = RunDirectory.createAt(run)) {
      training.startIn(dir, List.of(watch));
      throw new AssertionError("the run was not stopped after epoch " + boundary);
    } catch (TrainingInterruptedException expected) {
      assertThat(expected.state().completedEpochs()).isEqualTo(boundary);
    }
  }

  private static void resumeAndCompare(Path run, String what) throws IOException {
    CliRunner resumed = CliRunner.run("train", "--resume", run.toString(), "--no-progress");
    assertThat(resumed.status()).as("%s: %s", what, resumed.err()).isZero();
    assertThat(
            Arrays.equals(
                Files.readAllBytes(run.resolve("model.safetensors")),
                Files.readAllBytes(reference.resolve("model.safetensors"))))
        .as("model.safetensors after %s is the reference's, byte for byte", what)
        .isTrue();
    assertThat(ResumeAfterKillTest.metricsWithoutSeconds(run))
        .as("metrics after %s", what)
        .isEqualTo(ResumeAfterKillTest.metricsWithoutSeconds(reference));
    JsonNode got = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    JsonNode want = new ObjectMapper().readTree(reference.resolve("summary.json").toFile());
    for (String field : List.of("best_epoch", "stopped", "epochs", "steps", "test_loss")) {
      assertThat(got.get(field))
          .as("%s in summary.json after %s", field, what)
          .isEqualTo(want.get(field));
    }
  }

  private static long lines(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readAllLines(file).size() : 0;
    } catch (IOException e) {
      return 0; // being written: ask again
    }
  }
}
