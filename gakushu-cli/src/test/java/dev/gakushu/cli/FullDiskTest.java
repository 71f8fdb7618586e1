package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.io.SafeTensors;
import dev.gakushu.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose folder fills up, on a small tmpfs mounted in a mount namespace of its own ({@code
 * unshare --mount}, which needs root: CI runs as root; elsewhere the test is skipped, saying why).
 * The run stops with one line naming its folder and the cause and exits 74, keeps its last good
 * checkpoint and the files written before, leaves no temporary file, and once space is freed
 * resumes to the bits of a run that never failed.
 */
class FullDiskTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] TRAIN = {
    "train",
    "--epochs",
    "3",
    "--hidden",
    "120,120",
    "--batch-size",
    "16",
    "--threads",
    "2",
    "--no-progress"
  };

  /** Tells the test that this machine cannot mount a tmpfs of its own. */
  private static final int CANNOT_MOUNT = 99;

  /**
   * In a private mount namespace: a tmpfs of {@code $size} bytes on {@code $mnt}, a file of {@code
   * $filler} bytes filling most of it, the run until it fails, a copy of its folder, the filler
   * deleted, the resumed run, a copy of its folder.
   */
  private static final String SCRIPT =
      """
      mount -t tmpfs -o size="$size" gakushu-full-disk "$mnt" || exit 99
      head -c "$filler" /dev/zero > "$mnt/filler"
      "$@" train --epochs 3 --hidden 120,120 --batch-size 16 --threads 2 --no-progress \\
        --out "$mnt/run" > "$out/failed.log" 2>&1
      echo $? > "$out/failed.status"
      cp -a "$mnt/run" "$out/after-failure"
      rm "$mnt/filler"
      "$@" train --resume "$mnt/run" --no-progress > "$out/resumed.log" 2>&1
      echo $? > "$out/resumed.status"
      cp -a "$mnt/run" "$out/resumed"
      """;

  @TempDir Path tmp;

  @Test
  void aFullDiskStopsTheRunWhichResumesToTheSameBitsOnceSpaceIsFreed() throws Exception {
    Path reference = tmp.resolve("reference");
    CliRunner whole = CliRunner.run(with("--out", reference.toString()));
    assertThat(whole.status()).as(whole.err()).isZero();
    long checkpoint = Files.size(reference.resolve(Checkpoint.FILE));
    // room for one checkpoint and the small files, not for a second beside it while it is written
    long free = checkpoint + checkpoint / 2 + 64 * 1024;
    long filler = 1 << 20;

    Path mnt = Files.createDirectory(tmp.resolve("mnt"));
    Path out = Files.createDirectory(tmp.resolve("out"));
    List<String> command =
        new ArrayList<>(List.of("unshare", "--mount", "--", "bash", "-c", SCRIPT, "full-disk"));
    command.addAll(ChildGakushu.javaCommand());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("size", Long.toString(free + filler));
    pb.environment().put("filler", Long.toString(filler));
    pb.environment().put("mnt", mnt.toString());
    pb.environment().put("out", out.toString());
    Process p = pb.redirectOutput(tmp.resolve("script.log").toFile()).start();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(tmp.resolve("script.log"));
    Assumptions.assumeFalse(
        p.exitValue() == CANNOT_MOUNT || log.contains("unshare failed"),
        "mounting a tmpfs in a mount namespace of its own needs root: " + log.strip());
    assertThat(p.exitValue()).as(log).isZero();

    Path run = mnt.resolve("run");
    assertThat(Files.readString(out.resolve("failed.status")).strip()).isEqualTo("74");
    List<String> said = said(out.resolve("failed.log"));
    assertThat(said).as("one line").hasSize(1);
    assertThat(said.get(0))
        .startsWith("gakushu: " + run + ": no space left on device (")
        .endsWith("; once that is fixed, resume with: gakushu train --resume " + run);

    Path failed = out.resolve("after-failure");
    assertThat(leftovers(failed)).as("temporary files").isEmpty();
    assertThat(failed.resolve("config.json"))
        .hasSameBinaryContentAs(reference.resolve("config.json"));
    long step = checkpointStep(failed);
    assertThat(step).as("the last good checkpoint: epoch 1's").isPositive();
    List<String> metrics = Files.readAllLines(failed.resolve("metrics.jsonl"));
    assertThat(metrics).isNotEmpty();
    assertThat(withoutSeconds(metrics.subList(0, 1)))
        .isEqualTo(
            withoutSeconds(Files.readAllLines(reference.resolve("metrics.jsonl")).subList(0, 1)));
    assertThat(failed.resolve("model.safetensors")).doesNotExist();

    assertThat(Files.readString(out.resolve("resumed.status")).strip())
        .as(Files.readString(out.resolve("resumed.log")))
        .isEqualTo("0");
    assertThat(Files.readString(out.resolve("resumed.log")))
        .contains("resuming " + run + " at epoch 2, step " + step);
    assertThat(out.resolve("resumed").resolve("model.safetensors"))
        .hasSameBinaryContentAs(reference.resolve("model.safetensors"));
  }

  private static String[] with(String... more) {
    List<String> all = new ArrayList<>(List.of(TRAIN));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** The lines the command line printed as itself. */
  private static List<String> said(Path log) throws IOException {
    return Files.readAllLines(log).stream().filter(l -> l.startsWith("gakushu:")).toList();
  }

  private static List<String> leftovers(Path run) throws IOException {
    try (Stream<Path> files = Files.list(run)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
    }
  }

  private static List<String> withoutSeconds(List<String> metrics) {
    return metrics.stream().map(line -> line.replaceAll(",\"seconds\":[^}]*", "")).toList();
  }

  private static long checkpointStep(Path run) throws IOException {
    String state = SafeTensors.read(run.resolve(Checkpoint.FILE)).metadata().get("train_state");
    return JSON.readTree(state).get("step").asLong();
  }
}
