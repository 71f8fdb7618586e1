package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedsTest {
  @Test
  void streamsAreReproducibleAndDistinct() {
    assertThat(Seeds.derive(42, "init")).isEqualTo(Seeds.derive(42, "init"));
    assertThat(Seeds.derive(42, "init")).isNotEqualTo(Seeds.derive(42, "shuffle"));
    assertThat(Seeds.derive(42, "init")).isNotEqualTo(Seeds.derive(43, "init"));
    assertThat(Seeds.derive(0, "init")).isNotEqualTo(Seeds.derive(0, "inif"));
  }
}
