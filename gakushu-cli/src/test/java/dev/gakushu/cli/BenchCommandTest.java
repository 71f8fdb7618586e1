package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
  void anUnknownWorkloadIsBadInput() {
    CliRunner r = CliRunner.run("bench", "--workload", "w9");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("'--workload': 'w9'");
  }
}
