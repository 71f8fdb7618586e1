package dev.gakushu.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.OptionalParts;
import dev.gakushu.cli.Gakushu;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train --tensorboard, read back by a reader written from the specifications: Keras's layout, a run
 * train/ and a run validation/ with the same tags.
 */
class TensorBoardFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  private static Path run;
  private static Path events;
  private static Path validationEvents;

  @BeforeAll
  static void train() throws IOException {
    run = tmp.resolve("run");
    StringWriter err = new StringWriter();
    int status =
        Gakushu.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "train",
            "--epochs",
            "3",
            "--hidden",
            "40",
            "--tensorboard",
            "--no-progress",
            "--out",
            run.toString());
    assertThat(status).as(err.toString()).isZero();
    assertThat(eventFiles(run)).isEmpty();
    events = theEventFile(run.resolve("train"));
    validationEvents = theEventFile(run.resolve("validation"));
  }

  private static List<Path> eventFiles(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("events.out.tfevents."))
          .toList();
    }
  }

  private static Path theEventFile(Path dir) throws IOException {
    List<Path> found = eventFiles(dir);
    assertThat(found).as(dir.toString()).hasSize(1);
    return found.get(0);
  }

  /** tag → step → value, of the scalars of one event file. */
  private static Map<String, Map<Long, Float>> scalars(Path file) throws IOException {
    Map<String, Map<Long, Float>> scalars = new TreeMap<>();
    for (TfEventsReader.Event e : TfEventsReader.read(file)) {
      for (TfEventsReader.Value v : e.values()) {
        if (v.histogram() == null) {
          scalars.computeIfAbsent(v.tag(), t -> new TreeMap<>()).put(e.step(), v.simple());
        }
      }
    }
    return scalars;
  }

  /** The two runs share the loss and accuracy tags, so TensorBoard overlays their curves. */
  @Test
  void theTrainAndValidationRunsShareTheirTags() throws IOException {
    Map<String, Map<Long, Float>> train = scalars(events);
    Map<String, Map<Long, Float>> validation = scalars(validationEvents);
    assertThat(validation.keySet()).containsExactly("epoch_accuracy", "epoch_loss");
    assertThat(train.keySet())
        .contains("epoch_accuracy", "epoch_loss", "epoch_learning_rate")
        .noneMatch(t -> t.contains("validation"));
    Map<Long, Float> trainLoss = new TreeMap<>();
    Map<Long, Float> validationLoss = new TreeMap<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      trainLoss.put(n.get("step").asLong(), (float) n.get("train_loss").asDouble());
      validationLoss.put(n.get("step").asLong(), (float) n.get("validation_loss").asDouble());
    }
    assertThat(train.get("epoch_loss")).hasSize(3).isEqualTo(trainLoss);
    assertThat(validation.get("epoch_loss")).hasSize(3).isEqualTo(validationLoss);
  }

  @Test
  void theScalarsAreTheMetricsOfEveryEpoch() throws IOException {
    List<TfEventsReader.Event> read = TfEventsReader.read(validationEvents);
    assertThat(read.get(0).fileVersion()).isEqualTo("brain.Event:2");
    Map<Long, Float> accuracy = scalars(validationEvents).get("epoch_accuracy");
    Map<Long, Float> expected = new TreeMap<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      expected.put(n.get("step").asLong(), (float) n.get("validation_accuracy").asDouble());
    }
    assertThat(accuracy).hasSize(3).isEqualTo(expected);
  }

  @Test
  void theHistogramsAreTheLayerStatistics() throws IOException {
    List<JsonNode> layers = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("layers.jsonl"))) {
      layers.add(JSON.readTree(line));
    }
    int checked = 0;
    for (TfEventsReader.Event e : TfEventsReader.read(events)) {
      for (TfEventsReader.Value v : e.values()) {
        if (!v.tag().equals("activations/relu1")) {
          continue;
        }
        JsonNode stats =
            layers.stream()
                .filter(n -> n.get("step").asLong() == e.step())
                .findFirst()
                .orElseThrow()
                .get("layers")
                .get(1);
        TfEventsReader.Histogram h = v.histogram();
        assertThat(h.buckets()).hasSize(30);
        assertThat(h.limits()).hasSize(30).isSorted();
        assertThat(h.min()).isEqualTo(stats.get("min").asDouble());
        assertThat(h.max()).isEqualTo(stats.get("max").asDouble());
        assertThat(h.limits().get(29)).isEqualTo(h.max());
        double count = 0;
        for (int i = 0; i < 30; i++) {
          assertThat(h.buckets().get(i)).isEqualTo(stats.get("histogram").get(i).asDouble());
          count += h.buckets().get(i);
        }
        // 1079 rows: 33 batches of 32, then one of 23, which ends each epoch
        assertThat(h.num()).isEqualTo(count).isEqualTo(e.step() == 1 ? 32 * 40 : 23 * 40);
        double mean = stats.get("mean").asDouble();
        double std = stats.get("std").asDouble();
        assertThat(h.sum() / h.num()).isCloseTo(mean, within(1e-9));
        assertThat(Math.sqrt(h.sumSquares() / h.num() - mean * mean)).isCloseTo(std, within(1e-6));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(layers.size()).isEqualTo(4);
  }

  /**
   * TensorBoard's own loader, through tools/read_tensorboard.py, when Python's tensorboard package
   * is installed (the Python is python3, or $GAKUSHU_TENSORBOARD_PYTHON).
   */
  @Test
  void tensorBoardItselfReadsTheFiles() throws Exception {
    String python = OptionalParts.assumeTensorBoardPython();
    Process p =
        new ProcessBuilder(python, "../tools/read_tensorboard.py", run.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    JsonNode seen = JSON.readTree(p.getInputStream());
    assertThat(p.waitFor()).isZero();
    assertThat(seen.get("train").get("scalars").get("epoch_loss")).hasSize(3);
    JsonNode accuracy = seen.get("validation").get("scalars").get("epoch_accuracy");
    List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
    assertThat(accuracy).hasSize(metrics.size());
    for (int i = 0; i < metrics.size(); i++) {
      JsonNode m = JSON.readTree(metrics.get(i));
      assertThat(accuracy.get(i).get(0).asLong()).isEqualTo(m.get("step").asLong());
      assertThat(accuracy.get(i).get(1).asDouble())
          .isCloseTo(m.get("validation_accuracy").asDouble(), within(1e-6));
    }
    JsonNode relu = seen.get("train").get("histograms").get("activations/relu1");
    List<String> layers = Files.readAllLines(run.resolve("layers.jsonl"));
    assertThat(relu).hasSize(layers.size());
    JsonNode first = JSON.readTree(layers.get(0)).get("layers").get(1);
    assertThat(relu.get(0).get(3).asDouble()).isEqualTo(first.get("max").asDouble());
    for (int i = 0; i < 30; i++) {
      assertThat(relu.get(0).get(4).get(i).asDouble())
          .isEqualTo(first.get("histogram").get(i).asDouble());
    }
  }

  @Test
  void theReaderChecksTheChecksums() throws IOException {
    byte[] bytes = Files.readAllBytes(events);
    bytes[bytes.length - 10] ^= 1;
    Path damaged = tmp.resolve("damaged");
    Files.write(damaged, bytes);
    assertThatThrownBy(() -> TfEventsReader.read(damaged)).hasMessageContaining("checksum");
    assertThat(TfEventsReader.crc32c("123456789".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(0xE3069283); // the check value of CRC-32C
  }
}
