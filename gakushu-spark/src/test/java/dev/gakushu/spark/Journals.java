package dev.gakushu.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reading a search's journal, and running the command line in this JVM. */
final class Journals {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Journals() {}

  /**
   * Each finished trial's journal line (its sampled values, seed, accuracies per epoch and status),
   * by trial number; fails if a trial is there twice.
   */
  static SortedMap<Integer, String> trials(Path dir) throws IOException {
    TreeMap<Integer, String> byTrial = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("journal.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      if ("trial".equals(n.path("type").asText())) {
        assertThat(byTrial.put(n.get("trial").asInt(), line))
            .as("trial %d twice", n.get("trial").asInt())
            .isNull();
      }
    }
    return byTrial;
  }

  /** Runs {@code gakushu args...} in this JVM and returns what it printed; fails on an error. */
  static String gakushu(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        dev.gakushu.cli.Gakushu.execute(
            new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertThat(status).as("gakushu %s: %s", String.join(" ", args), err).isZero();
    return out.toString();
  }
}
