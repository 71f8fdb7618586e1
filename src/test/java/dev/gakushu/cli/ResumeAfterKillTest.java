package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts real {@code train} processes, kills them with SIGKILL at several points (one of them with
 * a checkpoint written after every step, so that kills land during writes too), resumes them, and
 * compares the final model bytes and metrics with a run that was never interrupted.
 */
class ResumeAfterKillTest {
  private static final String[] TRAIN = {
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

  @TempDir Path tmp;

  private static Process start(Path out, String... extra) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.gakushu.cli.Gakushu"));
    command.addAll(List.of(TRAIN));
    command.addAll(List.of(extra));
    command.addAll(List.of("--out", out.toString()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static List<String> metricsWithoutSeconds(Path run) throws IOException {
    return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
        .map(line -> line.replaceAll(",\"seconds\":[^}]*", ""))
        .toList();
  }

  @Test
  void aKilledRunResumesToTheSameBits() throws Exception {
    Path reference = tmp.resolve("reference");
    Process whole = start(reference, "--checkpoint-every", "7");
    assertThat(whole.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(whole.exitValue()).isZero();

    long[][] killPoints = {
      {1500, 7}, {2600, 1}, {3600, 3}
    }; // milliseconds after start, checkpoint interval
    int kills = 0;
    for (long[] point : killPoints) {
      Path run = tmp.resolve("killed-" + point[0]);
      Process p = start(run, "--checkpoint-every", Long.toString(point[1]));
      boolean finished = p.waitFor(point[0], TimeUnit.MILLISECONDS);
      if (!finished) {
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        kills++;
      }
      if (Files.exists(run.resolve("checkpoint.safetensors"))) {
        CliRunner resumed = CliRunner.run("train", "--resume", run.toString());
        assertThat(resumed.status()).as(resumed.err()).isZero();
      } else {
        // killed before the first checkpoint (or before the run directory existed): start again
        if (Files.exists(run)) {
          try (var files = Files.walk(run)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
          }
        }
        assertThat(start(run, "--checkpoint-every", Long.toString(point[1])).waitFor()).isZero();
      }
      assertThat(Files.readAllBytes(run.resolve("model.safetensors")))
          .as("model after a kill at %d ms", point[0])
          .isEqualTo(Files.readAllBytes(reference.resolve("model.safetensors")));
      assertThat(metricsWithoutSeconds(run))
          .as("metrics after a kill at %d ms", point[0])
          .isEqualTo(metricsWithoutSeconds(reference));
    }
    assertThat(kills).as("runs killed before they finished").isGreaterThanOrEqualTo(2);
  }
}
