package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

class ErrorBoundaryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** A command with a bug. */
  @Command(name = "buggy")
  static final class Buggy implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("an invariant broke\nsecond line");
    }
  }

  /** A command that runs out of memory. */
  @Command(name = "greedy")
  static final class Greedy implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new OutOfMemoryError("Java heap space");
    }
  }

  private static String[] run(Object command) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Gakushu.execute(command, new PrintWriter(out), new PrintWriter(err));
    return new String[] {Integer.toString(status), err.toString()};
  }

  @Test
  void aBugPrintsOneLineAndLeavesItsTraceInACrashReport() throws Exception {
    String[] r = run(new Buggy());
    assertThat(r[0]).isEqualTo("1");
    assertThat(r[1].strip().lines()).hasSize(1);
    Matcher m =
        Pattern.compile(
                "gakushu: internal error \\(IllegalStateException: an invariant broke\\);"
                    + " please report it with (\\S+gakushu-crash-\\S+\\.txt)")
            .matcher(r[1].strip());
    assertThat(m.matches()).as(r[1]).isTrue();
    Path report = Path.of(m.group(1));
    assertThat(report)
        .content()
        .contains("arguments: []")
        .contains("java.lang.IllegalStateException: an invariant broke")
        .contains("\tat dev.gakushu.cli.ErrorBoundaryTest$Buggy.call");
    Files.delete(report);
  }

  /** A command whose disk fills up. */
  @Command(name = "full")
  static final class Full implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new java.io.UncheckedIOException(
          "cannot write out/model.safetensors", new java.io.IOException("No space left on device"));
    }
  }

  @Test
  void aFailureOfTheEnvironmentExits74WithOneLineAndNoClassName() {
    String[] r = run(new Full());
    assertThat(r[0]).isEqualTo("74");
    assertThat(r[1].strip())
        .isEqualTo("gakushu: cannot write out/model.safetensors (no space left on device)");
  }

  @Test
  void runningOutOfMemoryIsOneLineNamingTheHeap() {
    String[] r = run(new Greedy());
    assertThat(r[0]).isEqualTo("74");
    assertThat(r[1].strip())
        .matches(
            "gakushu: out of memory \\(Java heap space\\); the input needs more than this"
                + " JVM's \\d+ MiB heap");
  }

  @Test
  void resumingAfterTheLastCheckpointCompletesTheSummary() throws Exception {
    Path run = tmp.resolve("r");
    CliRunner first =
        CliRunner.run(
            "train", "--epochs", "2", "--hidden", "8", "--no-progress", "--out", run.toString());
    assertThat(first.status()).as(first.err()).isZero();
    JsonNode before = JSON.readTree(run.resolve("summary.json").toFile());
    Files.delete(run.resolve("model.safetensors"));
    Files.delete(run.resolve("summary.json"));
    CliRunner again = CliRunner.run("train", "--resume", run.toString(), "--no-progress");
    assertThat(again.status()).as(again.err()).isZero();
    JsonNode after = JSON.readTree(run.resolve("summary.json").toFile());
    List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
    JsonNode last = JSON.readTree(metrics.get(1));
    assertThat(metrics).hasSize(2);
    assertThat(after.get("epochs").asInt()).isEqualTo(2);
    assertThat(after.get("steps").asLong()).isEqualTo(before.get("steps").asLong());
    assertThat(after.get("final_train_loss").asDouble())
        .isEqualTo(before.get("final_train_loss").asDouble())
        .isEqualTo(last.get("train_loss").asDouble());
    assertThat(after.get("final_validation_accuracy").asDouble())
        .isEqualTo(before.get("final_validation_accuracy").asDouble());
    assertThat(after.get("test_accuracy").asDouble())
        .isEqualTo(before.get("test_accuracy").asDouble());
    double seconds =
        JSON.readTree(metrics.get(0)).get("seconds").asDouble() + last.get("seconds").asDouble();
    assertThat(after.get("seconds").asDouble()).isEqualTo(seconds);
    assertThat(after.get("samples_per_second").asDouble())
        .isEqualTo(2.0 * before.at("/rows/train").asInt() / seconds);
    assertThat(run.resolve("model.safetensors")).isRegularFile();
    assertThat(run.resolve("run.lock")).doesNotExist();
  }

  /**
   * With the system property set to the value, the command line stops with status 2 and the line.
   */
  private static void assertBadProperty(String name, String value, String line) {
    String before = System.getProperty(name);
    System.setProperty(name, value);
    try {
      String[] r = run(new Buggy());
      assertThat(r[0]).isEqualTo("2");
      assertThat(r[1].strip()).isEqualTo(line);
    } finally {
      if (before == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, before);
      }
    }
  }

  @Test
  void aBadVectorSizePropertyIsOneLineAndStatus2BeforeAnyCommandRuns() {
    assertBadProperty(
        "gakushu.vectorBits",
        "100",
        "gakushu: the system property gakushu.vectorBits is \"100\"; expected 128, 256 or 512"
            + " (vector bits), or leave it unset");
  }

  @Test
  void aBadKernelPropertyIsOneLineAndStatus2BeforeAnyCommandRuns() {
    assertBadProperty(
        "gakushu.kernel",
        "fast",
        "gakushu: the system property gakushu.kernel is \"fast\"; expected plain or vector, or"
            + " leave it unset (chosen by a probe)");
  }
}
