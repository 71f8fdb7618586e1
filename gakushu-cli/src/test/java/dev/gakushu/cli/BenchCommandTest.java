package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.tensor.GemmTuning;
import dev.gakushu.tensor.KernelChoice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
  @Test
  void theDataWorkloadReportsTimeAndHeapAsJson() throws Exception {
    CliRunner r =
        CliRunner.run("bench", "--workload", "data", "--data", "digits", "--repeat", "1", "--json");
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(r.out().lines().findFirst().orElseThrow());
    assertThat(result.get("workload").asText()).isEqualTo("data");
    assertThat(result.get("train_rows").asInt()).isEqualTo(1797);
    assertThat(result.get("seconds").asDouble()).isPositive();
    assertThat(result.get("heap_mib").isNumber()).isTrue();
  }

  @Test
  void aTrainingWorkloadReportsItsSpeedAndAllocationPerStepAsJson() throws Exception {
    CliRunner r =
        CliRunner.run(
            "bench",
            "--workload",
            "W1",
            "--threads",
            "1",
            "--steps",
            "3",
            "--repeat",
            "1",
            "--warmup",
            "0",
            "--json");
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(r.out().lines().findFirst().orElseThrow());
    assertThat(result.get("workload").asText()).isEqualTo("W1");
    assertThat(result.get("samples_per_second").asDouble()).isPositive();
    // 3 steps just after start-up, before the JIT: whatever they allocate, a count of bytes
    assertThat(result.get("bytes_per_step").isNumber()).isTrue();
    assertThat(result.get("bytes_per_step").asDouble()).isNotNegative();
    assertThat(result.get("kernels").asText()).isEqualTo(KernelChoice.current().description());
  }

  @Test
  void layerStatisticsAreTimedAgainstPlainTraining() throws Exception {
    CliRunner r =
        CliRunner.run(
            "bench",
            "--workload",
            "W1",
            "--threads",
            "1",
            "--steps",
            "4",
            "--repeat",
            "3",
            "--warmup",
            "0",
            "--layer-stats-every",
            "2",
            "--json");
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(r.out().lines().findFirst().orElseThrow());
    double without = result.get("samples_per_second").asDouble();
    double with = result.get("samples_per_second_with_layer_stats").asDouble();
    assertThat(without).isPositive();
    assertThat(with).isPositive();
    assertThat(result.get("layer_stats_every").asInt()).isEqualTo(2);
    assertThat(result.get("ratio").asDouble()).isPositive();
    assertThat(result.get("time_in_layer_stats").asDouble()).isPositive();
  }

  @Test
  void theGemmWorkloadReportsEveryShapeAndFormAndThePeakAsJson() throws Exception {
    CliRunner r =
        CliRunner.run(
            "bench",
            "--workload",
            "gemm",
            "--threads",
            "2",
            "--repeat",
            "1",
            "--warmup",
            "0",
            "--json");
    assertThat(r.status()).as(r.err()).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : r.out().lines().toList()) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertThat(lines).hasSize(10);
    assertThat(lines.get(0).get("workload").asText()).isEqualTo("fma-peak");
    assertThat(lines.get(0).get("gflops").asDouble()).isPositive();
    GemmTuning tuning = GemmTuning.current();
    String source = tuning.source().name().toLowerCase(java.util.Locale.ROOT);
    List<String> points = new ArrayList<>();
    for (JsonNode line : lines) {
      assertThat(line.get("tuning").asText()).isEqualTo(tuning.description());
      assertThat(line.get("tuning_source").asText()).isEqualTo(source);
    }
    for (JsonNode point : lines.subList(1, lines.size())) {
      assertThat(point.get("workload").asText()).isEqualTo("gemm");
      assertThat(point.get("threads").asInt()).isEqualTo(2);
      assertThat(point.get("gflops").asDouble()).isPositive();
      points.add(point.get("shape").asText() + " " + point.get("form").asText());
    }
    assertThat(points)
        .containsExactlyInAnyOrder(
            "100x784x100 NN",
            "100x784x100 TN",
            "100x784x100 NT",
            "256x784x1024 NN",
            "256x784x1024 TN",
            "256x784x1024 NT",
            "1024x1024x1024 NN",
            "1024x1024x1024 TN",
            "1024x1024x1024 NT");
  }

  @Test
  void theGemmWorkloadWithoutJsonPrintsSentences() {
    CliRunner r =
        CliRunner.run(
            "bench", "--workload", "gemm", "--threads", "1", "--repeat", "1", "--warmup", "0");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith(
            "kernels: "
                + KernelChoice.current().description()
                + System.lineSeparator()
                + "matrix kernel: "
                + GemmTuning.current().description()
                + System.lineSeparator()
                + "fma-peak: ")
        .contains("gemm 256x784x1024 TN with 1 thread: ");
  }

  @Test
  void tuneSearchesAgainAndSaysWhereTheChoiceCameFrom() {
    // the tests run with -Dgakushu.gemmTuning=off: the search runs, nothing is saved
    CliRunner r =
        CliRunner.run("bench", "--workload", "data", "--data", "digits", "--repeat", "1", "--tune");
    assertThat(r.status()).as(r.err()).isZero();
    String line =
        r.out().lines().filter(l -> l.startsWith("matrix kernel: ")).findFirst().orElseThrow();
    if (KernelChoice.current().vector()) {
      assertThat(GemmTuning.current().source()).isEqualTo(GemmTuning.Source.TUNER);
      assertThat(line)
          .startsWith("matrix kernel: vector-")
          .endsWith(" s; not saved: -Dgakushu.gemmTuning=off)");
    } else {
      assertThat(line)
          .isEqualTo("matrix kernel: " + GemmTuning.current().description())
          .contains("plain-java");
    }
    assertThat(r.out()).contains("data: loaded digits");
  }

  @Test
  void anUnknownWorkloadIsBadInput() {
    CliRunner r = CliRunner.run("bench", "--workload", "w9");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("'--workload': 'w9'");
  }
}
