package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.io.SafeTensors;
import dev.gakushu.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts real {@code train} processes, kills them with SIGKILL at points defined by their progress
 * (after the checkpoint of epoch 3; while a checkpoint is being written) and at seeded random
 * moments, resumes them, and checks that each resume started from its checkpoint's step and ended
 * with the model bytes and metrics of a run that was never interrupted.
 */
class ResumeAfterKillTest {
  static final String[] TRAIN = {
    "train",
    "--epochs",
    "10",
    "--hidden",
    "120,120",
    "--batch-norm",
    "--dropout",
    "0.2",
    "--batch-size",
    "16",
    "--no-progress",
    "--threads",
    "2"
  };

  @TempDir static Path shared;
  private static Path reference;
  @TempDir Path tmp;

  private static Process start(Path out, String... extra) throws IOException {
    List<String> command = new ArrayList<>(ChildGakushu.javaCommand());
    command.addAll(List.of(TRAIN));
    command.addAll(List.of(extra));
    command.addAll(List.of("--out", out.toString()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  static List<String> metricsWithoutSeconds(Path run) throws IOException {
    return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
        .map(line -> line.replaceAll(",\"seconds\":[^}]*", ""))
        .toList();
  }

  private static boolean await(Process p, Callable<Boolean> ready) throws Exception {
    return ChildGakushu.await(p, ready);
  }

  private static long lines(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readAllLines(file).size() : 0;
    } catch (IOException e) {
      return 0; // being written: ask again
    }
  }

  /** Whether a temporary file of a checkpoint being written is in the folder. */
  private static boolean checkpointBeingWritten(Path run) throws IOException {
    if (!Files.isDirectory(run)) {
      return false;
    }
    try (Stream<Path> files = Files.list(run)) {
      return files
          .map(f -> f.getFileName().toString())
          .anyMatch(n -> n.startsWith(".") && n.contains("checkpoint"));
    }
  }

  private static void kill(Process p) throws InterruptedException {
    p.destroyForcibly(); // SIGKILL
    p.waitFor();
  }

  /** The step the run directory's checkpoint was written at, from its metadata. */
  private static long checkpointStep(Path run) throws IOException {
    String state = SafeTensors.read(run.resolve(Checkpoint.FILE)).metadata().get("train_state");
    return new ObjectMapper().readTree(state).get("step").asLong();
  }

  /**
   * Resumes a killed run and checks that it started from its checkpoint's step and ended with the
   * reference's bits.
   */
  private static void resumeAndCompare(Path run, Path reference, String what) throws Exception {
    long step = checkpointStep(run);
    assertThat(step).as("%s: the checkpoint's step", what).isPositive();
    CliRunner resumed = CliRunner.run("train", "--resume", run.toString());
    assertThat(resumed.status()).as(resumed.err()).isZero();
    assertThat(resumed.out())
        .as(what)
        .containsPattern("resuming .* at epoch \\d+, step " + step + "\\b");
    assertThat(Files.readAllBytes(run.resolve("model.safetensors")))
        .as("model after %s", what)
        .isEqualTo(Files.readAllBytes(reference.resolve("model.safetensors")));
    assertThat(metricsWithoutSeconds(run))
        .as("metrics after %s", what)
        .isEqualTo(metricsWithoutSeconds(reference));
  }

  /** A run that was never interrupted, shared by the tests. */
  @BeforeAll
  static void runTheReference() throws Exception {
    reference = shared.resolve("reference");
    Process whole = start(reference, "--checkpoint-every", "7");
    assertThat(whole.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(whole.exitValue()).isZero();
  }

  @Test
  void killedAfterACheckpointOrDuringACheckpointWriteResumesToTheSameBits() throws Exception {

    // after the checkpoint of epoch 3 (a checkpoint follows every epoch's metrics line)
    Path afterEpoch = tmp.resolve("after-epoch-3");
    Process p = start(afterEpoch, "--checkpoint-every", "7");
    assertThat(await(p, () -> lines(afterEpoch.resolve("metrics.jsonl")) >= 3)).isTrue();
    kill(p);
    resumeAndCompare(afterEpoch, reference, "a kill after epoch 3");

    // while a checkpoint is being written: one is written after every step
    Path duringWrite = tmp.resolve("during-write");
    p = start(duringWrite, "--checkpoint-every", "1");
    assertThat(await(p, () -> Files.exists(duringWrite.resolve(Checkpoint.FILE)))).isTrue();
    assertThat(await(p, () -> checkpointBeingWritten(duringWrite)))
        .as("a checkpoint write was seen in progress")
        .isTrue();
    kill(p);
    resumeAndCompare(duringWrite, reference, "a kill during a checkpoint write");
  }

  @Test
  void killedAtRandomMomentsResumesToTheSameBits() throws Exception {
    Random random = new Random(20261130);
    for (int k = 0; k < 3; k++) {
      Path run = tmp.resolve("random-" + k);
      Process p = start(run, "--checkpoint-every", Integer.toString(1 + 3 * k));
      assertThat(await(p, () -> Files.exists(run.resolve("metrics.jsonl")))).isTrue();
      boolean finished = p.waitFor(random.nextInt(1500), TimeUnit.MILLISECONDS);
      if (!finished) {
        kill(p);
      }
      if (!finished && Files.exists(run.resolve(Checkpoint.FILE))) {
        resumeAndCompare(run, reference, "a kill at a random moment");
      } else if (!finished) {
        // killed before the first checkpoint: there is nothing to resume; it starts again
        try (Stream<Path> files = Files.walk(run)) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        assertThat(start(run, "--checkpoint-every", "1").waitFor()).isZero();
      }
      assertThat(Files.readAllBytes(run.resolve("model.safetensors")))
          .isEqualTo(Files.readAllBytes(reference.resolve("model.safetensors")));
    }
  }
}
