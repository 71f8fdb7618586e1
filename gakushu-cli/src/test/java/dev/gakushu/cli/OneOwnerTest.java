package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.io.SafeTensors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code train} processes given the same {@code --out}, started together 20 times: each time
 * one finishes a complete run (its config, metrics, model and summary all from the same seed) and
 * the other is refused with exit 2 and one line naming the owner's PID (or, when it starts so late
 * that the owner is finishing or has finished, saying that another process holds it or that the
 * folder is not empty).
 */
class OneOwnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** {@code train} in a JVM of its own, as {@link ChildGakushu} starts it, with C1 only. */
  private static Process start(Path out, int seed) throws IOException {
    List<String> command = new ArrayList<>(ChildGakushu.javaCommand());
    command.add(1, "-XX:TieredStopAtLevel=1");
    command.addAll(
        List.of(
            "train",
            "--epochs",
            "1",
            "--hidden",
            "8",
            "--threads",
            "1",
            "--no-progress",
            "--seed",
            Integer.toString(seed),
            "--out",
            out.toString()));
    return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  @Test
  void twoProcessesOnOneFolderLeaveOneRunAndOneRefusal() throws Exception {
    // four rounds at a time, each a pair of processes started together on its own folder
    for (int first = 0; first < 20; first += 4) {
      List<Process[]> pairs = new ArrayList<>();
      for (int round = first; round < first + 4; round++) {
        Path out = tmp.resolve("run-" + round);
        pairs.add(new Process[] {start(out, 1), start(out, 2)});
      }
      for (int i = 0; i < pairs.size(); i++) {
        check(tmp.resolve("run-" + (first + i)), pairs.get(i)[0], pairs.get(i)[1]);
      }
    }
  }

  private static void check(Path out, Process a, Process b) throws Exception {
    String errA = new String(a.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    String errB = new String(b.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS)).isTrue();
    boolean aWon = a.exitValue() == 0;
    Process winner = aWon ? a : b;
    Process loser = aWon ? b : a;
    String refusal = shown(aWon ? errB : errA);
    assertThat(List.of(winner.exitValue(), loser.exitValue()))
        .as("%s: %s | %s", out, errA, errB)
        .containsExactly(0, Gakushu.EXIT_BAD_INPUT);
    assertThat(refusal.lines()).as(refusal).hasSize(1);
    // refused while the owner runs, or, if it started late, after the owner finished; in the
    // instant the owner closes (its lock still held, its lock file already removed) the refusal
    // cannot read the owner's name
    assertThat(refusal)
        .startsWith("gakushu: ")
        .containsAnyOf(
            out + " is in use by process " + winner.pid() + " on ",
            out + " is in use by another process (it holds run.lock)",
            "run directory " + out + " is a folder that is not empty");
    long seed = aWon ? 1 : 2;
    assertThat(JSON.readTree(out.resolve("config.json").toFile()).get("seed").asLong())
        .isEqualTo(seed);
    JsonNode modelConfig =
        JSON.readTree(SafeTensors.read(out.resolve("model.safetensors")).metadata().get("config"));
    assertThat(modelConfig.get("seed").asLong()).isEqualTo(seed);
    assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).hasSize(1);
    assertThat(JSON.readTree(out.resolve("summary.json").toFile()).get("epochs").asInt())
        .isEqualTo(1);
    assertThat(out.resolve("run.lock")).doesNotExist();
  }

  private static String shown(String err) {
    return err.lines()
        .filter(l -> !l.startsWith("WARNING: Using incubator modules"))
        .filter(l -> !l.startsWith("gakushu: note:"))
        .reduce("", (x, y) -> x + y + "\n");
  }
}
