package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** layers.jsonl in real training: the book's initialisation experiment, seen during training. */
class LayerStatsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private List<JsonNode> train(String name, String... init) throws IOException {
    Path out = tmp.resolve(name);
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--hidden",
                "100,100,100,100,100",
                "--optimizer",
                "sgd",
                "--lr",
                "0.01",
                "--epochs",
                "3",
                "--no-progress",
                "--out",
                out.toString()));
    args.addAll(List.of(init));
    CliRunner r = CliRunner.run(args.toArray(String[]::new));
    assertThat(r.status()).as(r.err()).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("layers.jsonl"))) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static JsonNode layer(JsonNode line, String name) {
    for (JsonNode l : line.get("layers")) {
      if (l.get("name").asText().equals(name)) {
        return l;
      }
    }
    throw new AssertionError("no layer " + name + " in " + line);
  }

  @Test
  void std001CollapsesTheActivationsHeKeepsTheirScale() throws IOException {
    List<JsonNode> small = train("small", "--init", "normal", "--init-std", "0.01");
    List<JsonNode> he = train("he", "--init", "he");
    // the first step and the end of each of 3 epochs (1079 training digits in batches of 32)
    assertThat(he).extracting(n -> n.get("step").asLong()).containsExactly(1L, 34L, 68L, 102L);
    assertThat(small).hasSameSizeAs(he);
    for (int i = 0; i < he.size(); i++) {
      double heStd = layer(he.get(i), "relu5").get("std").asDouble();
      double smallStd = layer(small.get(i), "relu5").get("std").asDouble();
      assertThat(heStd).as("He, line %d", i).isBetween(0.3, 5.0);
      assertThat(smallStd).as("std 0.01, line %d", i).isLessThan(heStd * 1e-3);
      // the first weights barely move with std 0.01: their gradient vanished on the way back
      double heRatio = he.get(i).get("params").get(0).get("update_ratio").asDouble();
      double smallRatio = small.get(i).get("params").get(0).get("update_ratio").asDouble();
      assertThat(smallRatio).as("line %d", i).isLessThan(heRatio * 1e-3);
    }
    JsonNode relu = layer(he.get(0), "relu1");
    assertThat(relu.get("histogram")).hasSize(30);
    assertThat(relu.get("zero_fraction").asDouble()).isBetween(0.2, 0.8);
    assertThat(relu.get("saturated_fraction").isNull()).isTrue();
    assertThat(he.get(0).get("params").get(0).get("name").asText()).isEqualTo("dense1.W");
  }

  @Test
  void aNegativeIntervalIsRefused() {
    CliRunner r = CliRunner.run("train", "--layer-stats-every", "-1", "--out", tmp.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "gakushu: Invalid value for option '--layer-stats-every': -1 (expected a whole number >= 0)");
  }
}
