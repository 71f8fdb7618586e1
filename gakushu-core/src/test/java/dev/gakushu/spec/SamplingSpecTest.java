package dev.gakushu.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.data.Sampling;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code loop.sampling}: written by name, read back the same, and a file from before it (with
 * {@code "shuffle": true} or {@code false}) read as the sampling it meant.
 */
class SamplingSpecTest {
  private static RunSpec parse(String json) {
    return RunSpecJson.parse(json, "config.json");
  }

  @Test
  void eachModeIsWrittenByNameAndReadBack() {
    for (Sampling s : Sampling.values()) {
      RunSpec spec = RunSpec.builder().sampling(s).build();
      String json = RunSpecJson.write(spec);
      assertThat(json)
          .contains("\"sampling\" : \"" + s.id() + "\"")
          .doesNotContain("\"shuffle\" :");
      assertThat(parse(json)).isEqualTo(spec);
      assertThat(parse("{\"loop\": {\"sampling\": \"" + s.id() + "\"}}").loop().sampling())
          .isEqualTo(s);
    }
    assertThat(RunSpec.defaults().loop().sampling()).isEqualTo(Sampling.SHUFFLE);
  }

  @Test
  void theShuffleOfAnOlderFileIsReadAsItsSampling() throws Exception {
    assertThat(parse("{\"loop\": {\"shuffle\": true}}")).isEqualTo(RunSpec.defaults());
    assertThat(parse("{\"loop\": {\"shuffle\": false}}").loop().sampling())
        .isEqualTo(Sampling.IN_ORDER);
    assertThat(parse("{\"loop\": {\"shuffle\": false}}"))
        .isEqualTo(RunSpec.builder().shuffle(false).build());
    Path golden = Path.of(SamplingSpecTest.class.getResource("/golden/run-v1/config.json").toURI());
    assertThat(RunSpecJson.read(golden).loop().sampling()).isEqualTo(Sampling.SHUFFLE);
  }
}
